using static Platform.Reports.Tests.Support.ReportTestKit;

namespace Platform.Reports.Tests.Compilation;

/// <summary>Measures with their own filter (sum where stage = won next to count of all), compared with hand-written FILTER clauses.</summary>
public sealed partial class DifferentialTests
{
    // The fixture's clock is Wednesday 2026-03-18 10:00 in Shanghai: this week is 03-16..03-22, this quarter starts 01-01 (+08:00).
    private const string ConversionMeasures = """
        "measures": [
          {"key": "all", "aggregate": "count"},
          {"key": "wonAmount", "aggregate": "sum", "field": "amount", "filter": {"field": "stage", "op": "eq", "value": "won"}},
          {"key": "created", "aggregate": "count", "filter": {"field": "_createdAt", "op": "thisQuarter"}},
          {"key": "closingWeek", "aggregate": "count", "filter": {"field": "close_date", "op": "thisWeek"}},
          {"key": "wonWeek", "aggregate": "count", "filter": {"and": [{"field": "stage", "op": "eq", "value": "won"}, {"field": "close_date", "op": "thisWeek"}]}},
          {"key": "bigOrLost", "aggregate": "avg", "field": "probability", "filter": {"or": [{"field": "amount", "op": "gte", "value": 1000000}, {"field": "stage", "op": "eq", "value": "lost"}]}},
          {"key": "conversion", "aggregate": "ratio", "numerator": "wonWeek", "denominator": "closingWeek", "format": "percent"}
        ]
        """;

    private const string HandWrittenFilters = """
        count(*) AS "all",
        sum((data->>'amount')::numeric) FILTER (WHERE data->>'stage' = 'won') AS "wonAmount",
        count(*) FILTER (WHERE created_at >= '2026-01-01 00:00+08' AND created_at < '2026-04-01 00:00+08') AS created,
        count(*) FILTER (WHERE (data->>'close_date')::date BETWEEN '2026-03-16' AND '2026-03-22') AS "closingWeek",
        count(*) FILTER (WHERE data->>'stage' = 'won' AND (data->>'close_date')::date BETWEEN '2026-03-16' AND '2026-03-22') AS "wonWeek",
        avg((data->>'probability')::numeric) FILTER (WHERE (data->>'amount')::numeric >= 1000000 OR data->>'stage' = 'lost') AS "bigOrLost"
        """;

    [Theory]
    [InlineData("all")]
    [InlineData("wonAmount")]
    [InlineData("created")]
    [InlineData("closingWeek")]
    [InlineData("wonWeek")]
    [InlineData("bigOrLost")]
    public async Task A_measure_filter_restricts_only_its_own_aggregate(string measure)
    {
        var result = await _kit.RunAsync(Report($$"""
            "dimensions": [{"field": "partner"}], {{ConversionMeasures}}
            """));
        var expected = await _kit.QueryAsync($"""
            SELECT partner, "{measure}" FROM (SELECT data->>'partner' AS partner, {HandWrittenFilters} FROM forms.records WHERE {Opps} GROUP BY 1) t
            """);
        Same(expected, Rows(result, measure));
    }

    [Fact]
    public async Task A_ratio_of_filtered_counts_is_the_conversion_and_null_where_the_denominator_is_zero()
    {
        var result = await _kit.RunAsync(Report("""
            "dimensions": [{"field": "partner"}],
            "measures": [
              {"key": "won", "aggregate": "count", "filter": {"field": "stage", "op": "eq", "value": "won"}},
              {"key": "lost", "aggregate": "count", "filter": {"field": "stage", "op": "eq", "value": "lost"}},
              {"key": "winRate", "aggregate": "ratio", "numerator": "won", "denominator": "lost", "format": "percent"}
            ],
            "filter": {"field": "stage", "op": "in", "value": ["won", "lost", "lead"]},
            "totals": true
            """));
        var won = await _kit.QueryAsync($"SELECT data->>'partner', count(*) FILTER (WHERE data->>'stage' = 'won') FROM forms.records WHERE {Opps} AND data->>'stage' IN ('won', 'lost', 'lead') GROUP BY 1");
        var lost = await _kit.QueryAsync($"SELECT data->>'partner', count(*) FILTER (WHERE data->>'stage' = 'lost') FROM forms.records WHERE {Opps} AND data->>'stage' IN ('won', 'lost', 'lead') GROUP BY 1");
        Same(won, Rows(result, "won"));
        foreach (var row in result.Rows)
        {
            var key = row.Cells[0].Key ?? "∅";
            var expected = lost[key] == 0 ? null : (decimal?)Math.Round(won[key]!.Value / lost[key]!.Value, 6);
            var actual = row.Values[result.MeasureIndex("winRate")];
            Assert.Equal(expected, actual is { } a ? Math.Round(a, 6) : null);
        }
        Assert.Equal(won.Values.Sum(), result.Total!.Values[0]);
        Assert.Equal(Math.Round(won.Values.Sum()!.Value / lost.Values.Sum()!.Value, 6), Math.Round(result.Total.Values[2]!.Value, 6));
    }

    [Fact]
    public async Task A_kpi_conversion_this_week_has_no_dimension_and_divides_by_zero_safely()
    {
        var result = await _kit.RunAsync(Report(ConversionMeasures, "kpi").Replace("\"all\", \"aggregate\": \"count\"}", "\"all\", \"aggregate\": \"count\", \"hidden\": true}"));
        var closing = Convert.ToDecimal(await _kit.ScalarAsync($"SELECT count(*) FROM forms.records WHERE {Opps} AND (data->>'close_date')::date BETWEEN '2026-03-16' AND '2026-03-22'"));
        var won = Convert.ToDecimal(await _kit.ScalarAsync($"SELECT count(*) FROM forms.records WHERE {Opps} AND data->>'stage' = 'won' AND (data->>'close_date')::date BETWEEN '2026-03-16' AND '2026-03-22'"));
        Assert.True(closing > 0, "the seed has deals closing this week");
        Assert.Equal(Math.Round(won / closing, 6), Math.Round(result.Total!.Values[result.MeasureIndex("conversion")]!.Value, 6));

        var none = await _kit.RunAsync(Report("""
            "measures": [
              {"key": "a", "aggregate": "count", "filter": {"field": "close_date", "op": "lt", "value": "1990-01-01"}},
              {"key": "b", "aggregate": "count", "filter": {"field": "amount", "op": "isEmpty"}},
              {"key": "r", "aggregate": "ratio", "numerator": "b", "denominator": "a"}
            ]
            """, "kpi"));
        Assert.Equal(0, none.Total!.Values[0]);
        Assert.True(none.Total.Values[1] > 0);
        Assert.Null(none.Total.Values[2]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Top_n_ranks_by_a_filtered_measure_with_and_without_others(bool others)
    {
        var result = await _kit.RunAsync(Report($$$"""
            "dimensions": [{"field": "partner"}],
            "measures": [{"key": "won", "aggregate": "sum", "field": "amount", "filter": {"field": "stage", "op": "eq", "value": "won"}}, {"key": "deals", "aggregate": "count"}],
            "top": {"count": 3, "by": "won", "others": {{{(others ? "true" : "false")}}}}
            """, "ranking"));
        var won = await _kit.QueryAsync($"SELECT data->>'partner', sum((data->>'amount')::numeric) FILTER (WHERE data->>'stage' = 'won') FROM forms.records WHERE {Opps} GROUP BY 1");
        var deals = await _kit.QueryAsync($"SELECT data->>'partner', count(*) FROM forms.records WHERE {Opps} GROUP BY 1");
        var leaders = won.OrderByDescending(p => p.Value ?? decimal.MinValue).Take(3).ToList();
        Assert.Equal(leaders.Select(l => l.Key), result.Rows.Take(3).Select(r => r.Cells[0].Key ?? "∅"));
        Assert.Equal(leaders.Select(l => l.Value), result.Rows.Take(3).Select(r => r.Values[0]));
        Assert.Equal(leaders.Select(l => deals[l.Key]), result.Rows.Take(3).Select(r => r.Values[1]));
        if (others)
        {
            Assert.True(result.Rows[3].IsOthers);
            Assert.Equal(won.Values.Sum() - leaders.Sum(l => l.Value), result.Rows[3].Values[0]);
            Assert.Equal(deals.Values.Sum(), result.Rows.Sum(r => r.Values[1]));
        }
        else Assert.Equal(3, result.Rows.Count);
    }

    [Fact]
    public async Task A_measure_filter_may_follow_relations_and_sub_table_lines()
    {
        var result = await _kit.RunAsync("""
            { "app": "crm", "key": "r", "name": "R", "source": {"form": "opportunities", "lines": "lines"}, "chart": {"type": "table"},
              "dimensions": [{"field": "stage"}],
              "measures": [{"key": "t", "aggregate": "sum", "field": "lines.total",
                            "filter": {"and": [{"field": "lines.product.category", "op": "eq", "value": "sw"}, {"field": "customer.industry", "op": "in", "value": ["it", "finance"]}]}}] }
            """);
        var expected = await _kit.QueryAsync("""
            SELECT r.data->>'stage', sum((l->>'total')::numeric) FILTER (WHERE p.data->>'category' = 'sw' AND c.data->>'industry' IN ('it', 'finance'))
            FROM forms.records r
            CROSS JOIN LATERAL jsonb_array_elements(r.data->'lines') l
            LEFT JOIN forms.records p ON p.id = (l->>'product')::uuid
            LEFT JOIN forms.records c ON c.id = (r.data->>'customer')::uuid
            WHERE r.app_key = 'crm' AND r.form_key = 'opportunities' AND r.deleted_at IS NULL GROUP BY 1
            """);
        Same(expected, Rows(result, "t"));
    }
}
