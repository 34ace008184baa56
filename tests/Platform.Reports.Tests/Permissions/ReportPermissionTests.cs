using Platform.Reports.Definitions;
using Platform.Reports.Tests.Support;
using static Platform.Reports.Tests.Support.ReportTestKit;

namespace Platform.Reports.Tests.Permissions;

/// <summary>Viewers aggregate only the rows they may read and cannot use fields hidden from them.</summary>
public sealed class ReportPermissionTests(ReportsFixture fixture) : IClassFixture<ReportsFixture>
{
    private readonly ReportTestKit _kit = new(fixture);
    private const string Opps = "app_key = 'crm' AND form_key = 'opportunities' AND deleted_at IS NULL";

    private const string Leaderboard = """
        { "app": "crm", "key": "leaderboard", "name": {"en": "Partner leaderboard", "zh": "渠道业绩龙虎榜"}, "source": {"form": "opportunities"},
          "chart": {"type": "ranking"}, "dimensions": [{"field": "partner"}],
          "measures": [{"key": "won", "aggregate": "sum", "field": "amount"}, {"key": "deals", "aggregate": "count"}],
          "filter": {"field": "stage", "op": "eq", "value": "won"}, "sort": [{"by": "won", "direction": "desc"}] }
        """;

    [Fact]
    public async Task A_partner_users_leaderboard_counts_only_their_partners_records()
    {
        var partner = fixture.Data.Partners[2].Id;
        var result = await _kit.RunAsync(Leaderboard, PartnerSales(partner));

        var expected = await _kit.QueryAsync($"SELECT partner_id, sum((data->>'amount')::numeric) FROM forms.records WHERE {Opps} AND data->>'stage' = 'won' AND partner_id = @p GROUP BY 1",
            ("p", partner));
        var row = Assert.Single(result.Rows);
        Assert.Equal(partner.ToString(), row.Cells[0].Key);
        Assert.Equal(expected[partner.ToString()], row.Values[0]);

        var everyone = await _kit.RunAsync(Leaderboard, Director());
        Assert.True(everyone.Rows.Count > 3);
    }

    [Fact]
    public async Task A_sales_user_aggregates_only_records_they_own()
    {
        var (id, _, department) = fixture.Data.Users[4];
        var result = await _kit.RunAsync("""
            { "app": "crm", "key": "mine", "name": "Mine", "source": {"form": "opportunities"}, "chart": {"type": "kpi"},
              "measures": [{"key": "n", "aggregate": "count"}, {"key": "s", "aggregate": "sum", "field": "amount"}] }
            """, Sales(id, department));
        var n = await _kit.ScalarAsync($"SELECT count(*) FROM forms.records WHERE {Opps} AND owner_id = @u", ("u", id));
        Assert.Equal(Convert.ToDecimal(n), result.Total!.Values[0]);
        Assert.True(result.Total.Values[0] < fixture.Data.Opportunities.Count);
    }

    [Fact]
    public async Task A_hidden_field_is_refused_as_measure_or_dimension_for_those_who_cannot_see_it()
    {
        const string byMargin = """
            { "app": "crm", "key": "margins", "name": "Margins", "source": {"form": "opportunities"}, "chart": {"type": "column"},
              "dimensions": [{"field": "stage"}], "measures": [{"key": "m", "aggregate": "sum", "field": "margin"}] }
            """;
        var error = await Assert.ThrowsAsync<ReportException>(() => _kit.RunAsync(byMargin, PartnerSales(fixture.Data.Partners[0].Id)));
        var e = Assert.Single(error.Errors);
        Assert.Equal("measures.m", e.Path);
        Assert.Contains("margin", e.En);
        Assert.Contains("无权查看", e.Zh);

        const string marginAsDimension = """
            { "app": "crm", "key": "margins", "name": "Margins", "source": {"form": "opportunities"}, "chart": {"type": "column"},
              "dimensions": [{"field": "margin"}], "measures": [{"key": "n", "aggregate": "count"}] }
            """;
        var dimension = await Assert.ThrowsAsync<ReportException>(() => _kit.RunAsync(marginAsDimension, PartnerSales(fixture.Data.Partners[0].Id)));
        Assert.Equal("dimensions[0]", Assert.Single(dimension.Errors).Path);

        var director = await _kit.RunAsync(byMargin, Director());
        Assert.NotEmpty(director.Rows);
    }

    [Fact]
    public async Task A_parameter_on_a_hidden_field_is_refused_because_it_would_reveal_values()
    {
        var error = await Assert.ThrowsAsync<ReportException>(() => _kit.RunAsync("""
            { "app": "crm", "key": "p", "name": "P", "source": {"form": "opportunities"}, "chart": {"type": "table"},
              "dimensions": [{"field": "stage"}], "measures": [{"key": "n", "aggregate": "count"}],
              "parameters": [{"key": "minMargin", "type": "number", "field": "margin", "op": "gte"}] }
            """, PartnerSales(fixture.Data.Partners[0].Id), new() { ["minMargin"] = 1000 }));
        Assert.Equal("parameters.minMargin", error.Errors[0].Path);
    }

    [Fact]
    public async Task A_user_without_read_permission_gets_a_clear_refusal()
    {
        var stranger = new Platform.Core.Organization.UserContext(Guid.NewGuid(), "x", "X", null, null, new HashSet<string> { "nobody" }, false);
        var error = await Assert.ThrowsAsync<ReportException>(() => _kit.RunAsync(Leaderboard, stranger));
        Assert.Equal("source.form", error.Errors[0].Path);
        Assert.Contains("商机报备", error.Errors[0].Zh);
    }

    [Fact]
    public async Task A_measure_filter_on_a_hidden_field_is_refused_because_it_would_split_values_by_it()
    {
        const string byMargin = """
            { "app": "crm", "key": "r", "name": "R", "source": {"form": "opportunities"}, "chart": {"type": "table"},
              "measures": [{"key": "n", "aggregate": "count"}, {"key": "rich", "aggregate": "count", "filter": {"field": "margin", "op": "gte", "value": 100000}}] }
            """;
        var error = await Assert.ThrowsAsync<ReportException>(() => _kit.RunAsync(byMargin, PartnerSales(fixture.Data.Partners[0].Id)));
        var e = Assert.Single(error.Errors);
        Assert.Equal("measures.rich.filter", e.Path);
        Assert.Contains("margin", e.En);
        var director = await _kit.RunAsync(byMargin, Director());
        Assert.True(director.Total!.Values[1] < director.Total.Values[0]);
    }
}
