using System.Text.Json.Nodes;
using Platform.Reports.Tests.Support;
using static Platform.Reports.Tests.Support.ReportTestKit;

namespace Platform.Reports.Tests.Compilation;

/// <summary>Every result is compared with a hand-written query over the same generated records.</summary>
public sealed partial class DifferentialTests(ReportsFixture fixture) : IClassFixture<ReportsFixture>
{
    private readonly ReportTestKit _kit = new(fixture);
    private const string Opps = "app_key = 'crm' AND form_key = 'opportunities' AND deleted_at IS NULL";

    private static string Report(string body, string chart = "table") => $$"""
        { "app": "crm", "key": "r", "name": "R", "source": {"form": "opportunities"}, "chart": {"type": "{{chart}}"}, {{body}} }
        """;

    [Theory]
    [InlineData("count", null, "count(*)")]
    [InlineData("sum", "amount", "sum((data->>'amount')::numeric)")]
    [InlineData("avg", "amount", "avg((data->>'amount')::numeric)")]
    [InlineData("min", "probability", "min((data->>'probability')::numeric)")]
    [InlineData("max", "amount", "max((data->>'amount')::numeric)")]
    [InlineData("distinctCount", "customer", "count(DISTINCT data->>'customer')")]
    [InlineData("count", "amount", "count(data->>'amount')")]
    public async Task Each_aggregate_by_stage_matches_hand_written_sql(string aggregate, string? field, string sql)
    {
        var fieldJson = field is null ? "" : $", \"field\": \"{field}\"";
        var result = await _kit.RunAsync(Report($$"""
            "dimensions": [{"field": "stage"}], "measures": [{"key": "m", "aggregate": "{{aggregate}}"{{fieldJson}}}]
            """));
        var expected = await _kit.QueryAsync($"SELECT data->>'stage', {sql} FROM forms.records WHERE {Opps} GROUP BY 1");
        Same(expected, Rows(result, "m"));
    }

    [Fact]
    public async Task Select_values_come_in_option_order_with_their_labels()
    {
        var result = await _kit.RunAsync(Report("""
            "dimensions": [{"field": "stage"}], "measures": [{"key": "n", "aggregate": "count"}]
            """), culture: "zh-CN");
        Assert.Equal(["初步接洽", "需求确认", "方案报价", "商务谈判", "赢单", "输单"], result.Rows.Select(r => r.Cells[0].Label));
        Assert.Equal(CrmForms.Stages, result.Rows.Select(r => r.Cells[0].Key));
    }

    [Theory]
    [InlineData("day")]
    [InlineData("week")]
    [InlineData("month")]
    [InlineData("quarter")]
    [InlineData("year")]
    public async Task Date_buckets_match_date_trunc(string bucket)
    {
        var result = await _kit.RunAsync(Report($$"""
            "dimensions": [{"field": "close_date", "bucket": "{{bucket}}"}], "measures": [{"key": "s", "aggregate": "sum", "field": "amount"}], "maxGroups": 5000
            """));
        var expected = await _kit.QueryAsync(
            $"SELECT to_char(date_trunc('{bucket}', (data->>'close_date')::date::timestamp), 'YYYY-MM-DD'), sum((data->>'amount')::numeric) FROM forms.records WHERE {Opps} GROUP BY 1");
        Same(expected, Rows(result, "s"));
        Assert.Equal(result.Rows.Select(r => r.Cells[0].Key).Order(StringComparer.Ordinal), result.Rows.Select(r => r.Cells[0].Key));
    }

    [Fact]
    public async Task Date_time_buckets_use_the_reporting_time_zone()
    {
        var result = await _kit.RunAsync(Report("""
            "dimensions": [{"field": "_createdAt", "bucket": "month"}], "measures": [{"key": "n", "aggregate": "count"}]
            """));
        var expected = await _kit.QueryAsync(
            $"SELECT to_char(date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD'), count(*) FROM forms.records WHERE {Opps} GROUP BY 1");
        Same(expected, Rows(result, "n"));
        Assert.Matches(@"^\d{4}-\d{2}$", result.Rows[0].Cells[0].Label);
    }

    [Fact]
    public async Task Partner_and_member_dimensions_show_names_from_identity_tables()
    {
        var result = await _kit.RunAsync(Report("""
            "dimensions": [{"field": "partner"}, {"field": "owner"}], "measures": [{"key": "s", "aggregate": "sum", "field": "amount"}], "maxGroups": 5000
            """));
        var expected = await _kit.QueryAsync($"""
            SELECT coalesce(p.name, r.data->>'partner', '(empty)'), u.display_name, sum((r.data->>'amount')::numeric)
            FROM forms.records r LEFT JOIN identity.partners p ON p.id = (r.data->>'partner')::uuid
            LEFT JOIN identity.users u ON u.id = (r.data->>'owner')::uuid
            WHERE r.{Opps.Replace(" AND ", " AND r.")} GROUP BY 1, 2
            """);
        Same(expected, Rows(result, "s", labels: true));
    }

    [Fact]
    public async Task Relation_paths_join_the_related_record()
    {
        var result = await _kit.RunAsync(Report("""
            "dimensions": [{"field": "customer.industry"}], "measures": [{"key": "s", "aggregate": "sum", "field": "amount"}, {"key": "c", "aggregate": "distinctCount", "field": "customer"}]
            """));
        const string sql = """
            SELECT c.data->>'industry', {0} FROM forms.records r
            LEFT JOIN forms.records c ON c.id = (r.data->>'customer')::uuid AND c.app_key = 'crm' AND c.form_key = 'customers' AND c.deleted_at IS NULL
            WHERE r.app_key = 'crm' AND r.form_key = 'opportunities' AND r.deleted_at IS NULL GROUP BY 1
            """;
        Same(await _kit.QueryAsync(string.Format(sql, "sum((r.data->>'amount')::numeric)")), Rows(result, "s"));
        Same(await _kit.QueryAsync(string.Format(sql, "count(DISTINCT r.data->>'customer')")), Rows(result, "c"));
    }

    [Fact]
    public async Task A_relation_dimension_shows_the_related_title()
    {
        var result = await _kit.RunAsync(Report("""
            "dimensions": [{"field": "customer"}], "measures": [{"key": "n", "aggregate": "count"}], "top": {"count": 10}
            """));
        var expected = await _kit.QueryAsync($"""
            SELECT c.title, count(*) FROM forms.records r JOIN forms.records c ON c.id = (r.data->>'customer')::uuid
            WHERE r.app_key = 'crm' AND r.form_key = 'opportunities' AND r.deleted_at IS NULL GROUP BY 1
            """);
        foreach (var row in result.Rows.Where(r => r.Cells[0].Key is not null))
            Assert.Equal(expected[row.Cells[0].Label], row.Values[0]);
        Assert.Equal(10, result.Rows.Count);
    }

    [Fact]
    public async Task Sub_table_lines_are_unnested_and_products_named()
    {
        var result = await _kit.RunAsync("""
            { "app": "crm", "key": "r", "name": "R", "source": {"form": "opportunities", "lines": "lines"}, "chart": {"type": "table"},
              "dimensions": [{"field": "lines.product"}, {"field": "lines.product.category"}],
              "measures": [{"key": "q", "aggregate": "sum", "field": "lines.quantity"}, {"key": "t", "aggregate": "sum", "field": "lines.total"}, {"key": "n", "aggregate": "count"}] }
            """);
        var sql = """
            SELECT p.title, p.data->>'category', {0} FROM forms.records r
            CROSS JOIN LATERAL jsonb_array_elements(r.data->'lines') l
            LEFT JOIN forms.records p ON p.id = (l->>'product')::uuid
            WHERE r.app_key = 'crm' AND r.form_key = 'opportunities' AND r.deleted_at IS NULL GROUP BY 1, 2
            """;
        var byName = result.Rows.ToDictionary(r => r.Cells[0].Label + "|" + r.Cells[1].Key, r => r.Values[result.MeasureIndex("t")]);
        Same(await _kit.QueryAsync(string.Format(sql, "sum((l->>'total')::numeric)")), byName);
        var counts = result.Rows.ToDictionary(r => r.Cells[0].Label + "|" + r.Cells[1].Key, r => r.Values[result.MeasureIndex("n")]);
        Same(await _kit.QueryAsync(string.Format(sql, "count(*)")), counts);
    }

    [Fact]
    public async Task Address_groups_by_province_with_region_names()
    {
        var result = await _kit.RunAsync("""
            { "app": "crm", "key": "r", "name": "R", "source": {"form": "customers"}, "chart": {"type": "chinaMap"},
              "dimensions": [{"field": "address", "level": "province"}], "measures": [{"key": "n", "aggregate": "count"}] }
            """);
        var expected = await _kit.QueryAsync("SELECT data->'address'->>'province', count(*) FROM forms.records WHERE app_key = 'crm' AND form_key = 'customers' GROUP BY 1");
        Same(expected, Rows(result, "n"));
        Assert.Contains(result.Rows, r => r.Cells[0].Label == "广东省");
        var mapNames = result.Chart!["series"]![0]!["data"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("北京市", mapNames);
    }

    [Fact]
    public async Task City_level_and_multi_select_tags_group_correctly()
    {
        var result = await _kit.RunAsync("""
            { "app": "crm", "key": "r", "name": "R", "source": {"form": "customers"}, "chart": {"type": "table"},
              "dimensions": [{"field": "address.city"}, {"field": "tags"}], "measures": [{"key": "n", "aggregate": "count"}] }
            """);
        var expected = await _kit.QueryAsync("""
            SELECT data->'address'->>'city', t, count(*) FROM forms.records
            LEFT JOIN LATERAL jsonb_array_elements_text(data->'tags') t ON TRUE
            WHERE app_key = 'crm' AND form_key = 'customers' GROUP BY 1, 2
            """);
        Same(expected, Rows(result, "n"));
    }

    [Fact]
    public async Task Filters_in_the_list_view_model_match_sql()
    {
        var result = await _kit.RunAsync(Report("""
            "dimensions": [{"field": "stage"}], "measures": [{"key": "s", "aggregate": "sum", "field": "amount"}],
            "filter": {"and": [
              {"field": "stage", "op": "in", "value": ["proposal", "negotiation", "won"]},
              {"or": [{"field": "amount", "op": "gte", "value": 500000}, {"field": "probability", "op": "lt", "value": 20}]},
              {"field": "close_date", "op": "between", "value": ["2025-01-01", "2025-12-31"]},
              {"field": "customer.industry", "op": "ne", "value": "retail"},
              {"field": "name", "op": "contains", "value": "1"}
            ]}
            """));
        var expected = await _kit.QueryAsync($"""
            SELECT r.data->>'stage', sum((r.data->>'amount')::numeric) FROM forms.records r
            LEFT JOIN forms.records c ON c.id = (r.data->>'customer')::uuid
            WHERE r.app_key = 'crm' AND r.form_key = 'opportunities' AND r.deleted_at IS NULL
              AND r.data->>'stage' IN ('proposal', 'negotiation', 'won')
              AND ((r.data->>'amount')::numeric >= 500000 OR (r.data->>'probability')::numeric < 20)
              AND (r.data->>'close_date')::date BETWEEN '2025-01-01' AND '2025-12-31'
              AND (c.data->>'industry') IS DISTINCT FROM 'retail'
              AND r.data->>'name' LIKE '%1%'
            GROUP BY 1
            """);
        Same(expected, Rows(result, "s"));
    }

    [Fact]
    public async Task Parameters_filter_when_set_and_keep_everything_when_unset()
    {
        const string body = """
            "dimensions": [{"field": "stage"}], "measures": [{"key": "n", "aggregate": "count"}],
            "parameters": [{"key": "period", "type": "dateRange", "field": "close_date"}, {"key": "partner", "type": "partner", "field": "partner"}]
            """;
        var partner = fixture.Data.Partners[0].Id;
        var set = await _kit.RunAsync(Report(body), parameters: new()
        {
            ["period"] = new JsonObject { ["from"] = "2025-04-01", ["to"] = "2025-06-30" },
            ["partner"] = partner.ToString(),
        });
        var expected = await _kit.QueryAsync($"""
            SELECT data->>'stage', count(*) FROM forms.records WHERE {Opps}
              AND (data->>'close_date')::date BETWEEN '2025-04-01' AND '2025-06-30' AND data->>'partner' = @p GROUP BY 1
            """, ("p", partner.ToString()));
        Same(expected, Rows(set, "n"));

        var unset = await _kit.RunAsync(Report(body));
        Same(await _kit.QueryAsync($"SELECT data->>'stage', count(*) FROM forms.records WHERE {Opps} GROUP BY 1"), Rows(unset, "n"));
    }

    [Fact]
    public async Task Funnel_carries_stage_to_stage_conversion_rates()
    {
        var result = await _kit.RunAsync(Report("""
            "dimensions": [{"field": "stage"}], "measures": [{"key": "n", "aggregate": "count"}],
            "filter": {"field": "stage", "op": "ne", "value": "lost"}
            """, "funnel"));
        var counts = await _kit.QueryAsync($"SELECT data->>'stage', count(*) FROM forms.records WHERE {Opps} AND data->>'stage' <> 'lost' GROUP BY 1");
        var data = result.Chart!["series"]![0]!["data"]!.AsArray();
        Assert.Equal(5, data.Count);
        for (var i = 1; i < 5; i++)
        {
            var expected = counts[CrmForms.Stages[i]]!.Value / counts[CrmForms.Stages[i - 1]]!.Value;
            Assert.Equal(Math.Round(expected, 6), data[i]!["conversion"]!.GetValue<decimal>());
            Assert.Equal(Math.Round(counts[CrmForms.Stages[i]]!.Value / counts["lead"]!.Value, 6), data[i]!["overall"]!.GetValue<decimal>());
        }
        Assert.Equal(4, result.Chart["platform"]!["conversions"]!.AsArray().Count);
    }

    [Fact]
    public async Task Pivot_subtotals_and_grand_total_match_sql()
    {
        var result = await _kit.RunAsync(Report("""
            "dimensions": [{"field": "stage"}, {"field": "customer.industry"}], "measures": [{"key": "s", "aggregate": "sum", "field": "amount"}],
            "subtotals": true, "totals": true
            """, "pivot"));
        const string from = """
            FROM forms.records r LEFT JOIN forms.records c ON c.id = (r.data->>'customer')::uuid
            WHERE r.app_key = 'crm' AND r.form_key = 'opportunities' AND r.deleted_at IS NULL
            """;
        var byStage = await _kit.QueryAsync($"SELECT r.data->>'stage', sum((r.data->>'amount')::numeric) {from} GROUP BY 1");
        var byIndustry = await _kit.QueryAsync($"SELECT c.data->>'industry', sum((r.data->>'amount')::numeric) {from} GROUP BY 1");
        var total = (decimal)(await _kit.ScalarAsync($"SELECT sum((r.data->>'amount')::numeric) {from}"))!;

        Same(byStage, result.Subtotals.Where(r => r.Grouping == 0b10).ToDictionary(r => r.Cells[0].Key ?? "∅", r => r.Values[0]));
        Same(byIndustry, result.Subtotals.Where(r => r.Grouping == 0b01).ToDictionary(r => r.Cells[1].Key ?? "∅", r => r.Values[0]));
        Assert.Equal(total, result.Total!.Values[0]);

        var pivot = result.Chart!;
        Assert.Equal(Math.Round(total, 6), pivot["grandTotal"]![0]!.GetValue<decimal>());
        var wonRow = pivot["rows"]!.AsArray().First(r => r!["keys"]![0]!.GetValue<string>() == "won")!;
        Assert.Equal(Math.Round(byStage["won"]!.Value, 6), wonRow["total"]![0]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Top_n_with_others_keeps_the_leaders_and_folds_the_rest()
    {
        var result = await _kit.RunAsync(Report("""
            "dimensions": [{"field": "partner"}], "measures": [{"key": "won", "aggregate": "sum", "field": "amount"}, {"key": "deals", "aggregate": "count"}],
            "filter": {"field": "stage", "op": "eq", "value": "won"}, "top": {"count": 3, "by": "won", "others": true}
            """, "ranking"));
        var all = await _kit.QueryAsync($"SELECT data->>'partner', sum((data->>'amount')::numeric) FROM forms.records WHERE {Opps} AND data->>'stage' = 'won' GROUP BY 1");
        var leaders = all.OrderByDescending(p => p.Value ?? decimal.MinValue).Take(3).ToList();
        Assert.Equal(4, result.Rows.Count);
        Assert.Equal(leaders.Select(l => l.Key), result.Rows.Take(3).Select(r => r.Cells[0].Key ?? "∅"));
        Assert.Equal(leaders.Select(l => l.Value), result.Rows.Take(3).Select(r => r.Values[0]));
        var others = result.Rows[3];
        Assert.True(others.IsOthers);
        Assert.Equal("Others", others.Cells[0].Label);
        Assert.Equal(all.Values.Sum() - leaders.Sum(l => l.Value), others.Values[0]);
        var totalDeals = await _kit.ScalarAsync($"SELECT count(*) FROM forms.records WHERE {Opps} AND data->>'stage' = 'won'");
        Assert.Equal(Convert.ToDecimal(totalDeals), result.Rows.Sum(r => r.Values[1]));
        Assert.Equal(3, result.Chart!["platform"]!["ranking"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_leaderboard_without_others_keeps_exactly_the_leaders_in_order_with_their_names()
    {
        var result = await _kit.RunAsync(Report("""
            "dimensions": [{"field": "partner"}], "measures": [{"key": "won", "aggregate": "sum", "field": "amount"}, {"key": "deals", "aggregate": "count"}],
            "filter": {"field": "stage", "op": "eq", "value": "won"}, "top": {"count": 4, "by": "won"}
            """, "ranking"));
        var expected = await _kit.QueryAsync($"""
            SELECT p.name, sum((r.data->>'amount')::numeric) FROM forms.records r LEFT JOIN identity.partners p ON p.id = (r.data->>'partner')::uuid
            WHERE r.app_key = 'crm' AND r.form_key = 'opportunities' AND r.deleted_at IS NULL AND r.data->>'stage' = 'won'
            GROUP BY r.data->>'partner', p.name ORDER BY 2 DESC NULLS LAST LIMIT 4
            """);
        Assert.Equal(expected.Keys, result.Rows.Select(r => r.Cells[0].Key is null ? "∅" : r.Cells[0].Label));
        Assert.Equal(expected.Values, result.Rows.Select(r => r.Values[0]));
        Assert.DoesNotContain(result.Rows, r => r.IsOthers);
    }

    [Fact]
    public async Task Ratio_formula_and_share_measures_are_computed_per_group()
    {
        var result = await _kit.RunAsync(Report("""
            "dimensions": [{"field": "partner"}],
            "measures": [
              {"key": "won", "aggregate": "sum", "field": "amount", "hidden": true},
              {"key": "n", "aggregate": "count"},
              {"key": "avgDeal", "aggregate": "ratio", "numerator": "won", "denominator": "n"},
              {"key": "k", "aggregate": "formula", "expression": "won / 1000 + n"},
              {"key": "share", "aggregate": "share", "of": "n", "format": "percent"}
            ]
            """));
        var won = await _kit.QueryAsync($"SELECT data->>'partner', sum((data->>'amount')::numeric) FROM forms.records WHERE {Opps} GROUP BY 1");
        var n = await _kit.QueryAsync($"SELECT data->>'partner', count(*) FROM forms.records WHERE {Opps} GROUP BY 1");
        var total = n.Values.Sum()!.Value;
        foreach (var row in result.Rows)
        {
            var key = row.Cells[0].Key ?? "∅";
            Assert.Equal(Math.Round(won[key]!.Value / n[key]!.Value, 6), Math.Round(row.Values[result.MeasureIndex("avgDeal")]!.Value, 6));
            Assert.Equal(Math.Round(won[key]!.Value / 1000 + n[key]!.Value, 4), Math.Round(row.Values[result.MeasureIndex("k")]!.Value, 4));
            Assert.Equal(Math.Round(n[key]!.Value / total, 6), Math.Round(row.Values[result.MeasureIndex("share")]!.Value, 6));
        }
        Assert.True(result.Measures[0].Hidden);
    }

    [Fact]
    public async Task Kpi_card_compares_with_the_previous_period()
    {
        var result = await _kit.RunAsync(Report("""
            "measures": [{"key": "pipeline", "aggregate": "sum", "field": "amount"}, {"key": "delta", "aggregate": "change", "of": "pipeline"}],
            "parameters": [{"key": "period", "type": "dateRange", "field": "close_date", "period": true, "default": "thisQuarter"}]
            """, "kpi"));
        var current = (decimal)(await _kit.ScalarAsync($"SELECT sum((data->>'amount')::numeric) FROM forms.records WHERE {Opps} AND (data->>'close_date')::date BETWEEN '2026-01-01' AND '2026-03-31'"))!;
        var previous = (decimal)(await _kit.ScalarAsync($"SELECT sum((data->>'amount')::numeric) FROM forms.records WHERE {Opps} AND (data->>'close_date')::date BETWEEN '2025-10-01' AND '2025-12-31'"))!;
        Assert.Equal(current, result.Total!.Values[0]);
        Assert.Equal(previous, result.PreviousTotal!.Values[0]);
        Assert.Equal(Math.Round((current - previous) / previous, 6), Math.Round(result.Total.Values[1]!.Value, 6));
        Assert.Equal(Math.Round(current, 6), result.Chart!["value"]!.GetValue<decimal>());
        Assert.Equal(Math.Round(previous, 6), result.Chart["previous"]!.GetValue<decimal>());
        Assert.Equal("2025-10-01", result.PreviousPeriod!.From.ToString("yyyy-MM-dd"));
    }

    [Fact]
    public async Task Change_in_a_monthly_series_compares_with_the_month_before()
    {
        var result = await _kit.RunAsync(Report("""
            "dimensions": [{"field": "close_date", "bucket": "month"}],
            "measures": [{"key": "s", "aggregate": "sum", "field": "amount"}, {"key": "mom", "aggregate": "change", "of": "s"}]
            """, "combo").Replace("\"chart\": {\"type\": \"combo\"}", "\"chart\": {\"type\": \"combo\", \"secondaryMeasures\": [\"mom\"]}"));
        var months = await _kit.QueryAsync($"SELECT to_char(date_trunc('month', (data->>'close_date')::date::timestamp), 'YYYY-MM-DD'), sum((data->>'amount')::numeric) FROM forms.records WHERE {Opps} GROUP BY 1");
        var march = result.Rows.First(r => r.Cells[0].Key == "2025-03-01");
        var expected = (months["2025-03-01"]!.Value - months["2025-02-01"]!.Value) / months["2025-02-01"]!.Value;
        Assert.Equal(Math.Round(expected, 6), Math.Round(march.Values[1]!.Value, 6));
        Assert.Null(result.Rows[0].Values[1]);
        Assert.Equal("line", result.Chart!["series"]![1]!["type"]!.GetValue<string>());
        Assert.Equal(1, result.Chart["series"]![1]!["yAxisIndex"]!.GetValue<int>());
    }

    [Fact]
    public async Task Drill_down_returns_the_records_behind_an_element_and_their_list_filter()
    {
        var runner = _kit.Parse(Report("""
            "dimensions": [{"field": "stage"}, {"field": "close_date", "bucket": "month"}], "measures": [{"key": "n", "aggregate": "count"}]
            """));
        var drill = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Platform.Reports.Running.IReportRunner>(fixture.Services)
            .DrillAsync(runner, Admin, null, ["won", "2025-03-01"], 1000, default);
        var expected = await _kit.QueryAsync($"""
            SELECT id, 1 FROM forms.records WHERE {Opps} AND data->>'stage' = 'won'
              AND (data->>'close_date')::date >= '2025-03-01' AND (data->>'close_date')::date < '2025-04-01'
            """);
        Assert.Equal(expected.Keys.Order(), drill.Records.Select(r => r.Id.ToString()).Order());
        var json = System.Text.Json.JsonSerializer.Serialize(drill.Filter, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        Assert.Contains("\"field\":\"stage\"", json);
        Assert.Contains("2025-04-01", json);
        Assert.Equal("opportunities", drill.Form);
    }
}
