using Platform.Reports.Definitions;
using Platform.Reports.Tests.Support;

namespace Platform.Reports.Tests.Definitions;

/// <summary>Definitions that cannot work are refused with every problem named, in English and Chinese.</summary>
public sealed class DefinitionValidationTests(ReportsFixture fixture) : IClassFixture<ReportsFixture>
{
    private readonly ReportTestKit _kit = new(fixture);

    private static string Report(string body, string chart = "table") => $$"""
        { "app": "crm", "key": "r", "name": "R", "source": {"form": "opportunities"}, "chart": {"type": "{{chart}}"}, {{body}} }
        """;

    [Fact]
    public async Task Unknown_fields_are_refused_naming_each_one()
    {
        var error = await Assert.ThrowsAsync<ReportException>(() => _kit.RunAsync(Report("""
            "dimensions": [{"field": "colour"}], "measures": [{"key": "s", "aggregate": "sum", "field": "customer.nope"}],
            "filter": {"field": "amount'; DROP TABLE x; --", "op": "eq", "value": 1}
            """)));
        Assert.Equal(["dimensions[0]", "measures.s", "filter"], error.Errors.Select(e => e.Path));
        Assert.Contains("Unknown field 'colour'", error.Errors[0].En);
        Assert.Contains("未知字段", error.Errors[0].Zh);
    }

    [Fact]
    public async Task Sum_of_a_text_field_is_refused()
    {
        var error = await Assert.ThrowsAsync<ReportException>(() => _kit.RunAsync(Report("""
            "dimensions": [{"field": "stage"}], "measures": [{"key": "s", "aggregate": "sum", "field": "name"}]
            """)));
        var e = Assert.Single(error.Errors);
        Assert.Equal("'sum' needs a number field; 'name' is a text field.", e.En);
        Assert.Equal("“求和”需要数字字段；“name”是文本字段。", e.Zh);
    }

    [Fact]
    public void Too_many_dimensions_are_refused_when_parsed()
    {
        var error = Assert.Throws<ReportException>(() => _kit.Parse(Report("""
            "dimensions": [{"field": "stage"}, {"field": "partner"}, {"field": "owner"}, {"field": "customer"}], "measures": [{"key": "n", "aggregate": "count"}]
            """)));
        Assert.Contains(error.Errors, e => e.Path == "dimensions" && e.En.Contains("too many groups"));
    }

    [Fact]
    public async Task A_run_with_more_groups_than_allowed_is_refused()
    {
        var error = await Assert.ThrowsAsync<ReportException>(() => _kit.RunAsync(Report("""
            "dimensions": [{"field": "close_date", "bucket": "day"}], "measures": [{"key": "n", "aggregate": "count"}], "maxGroups": 50
            """)));
        Assert.Equal("maxGroups", error.Errors[0].Path);
        Assert.Contains("more than 50 groups", error.Errors[0].En);
    }

    [Fact]
    public void Chart_shapes_and_measure_references_are_checked()
    {
        var error = Assert.Throws<ReportException>(() => _kit.Parse(Report("""
            "dimensions": [{"field": "stage"}, {"field": "partner"}],
            "measures": [{"key": "n", "aggregate": "count"}, {"key": "rate", "aggregate": "ratio", "numerator": "won", "denominator": "n"},
                         {"key": "bad", "aggregate": "formula", "expression": "n +* 2"}],
            "sort": [{"by": "nothing"}]
            """, "pie")));
        Assert.Contains(error.Errors, e => e.Path == "measures.rate" && e.En.Contains("'won'"));
        Assert.Contains(error.Errors, e => e.Path == "measures.bad" && e.En.Contains("syntax error"));
        Assert.Contains(error.Errors, e => e.Path == "sort");
        Assert.Contains(error.Errors, e => e.Path == "chart.type" && e.En.Contains("exactly 1 dimension"));
    }

    [Fact]
    public void Unknown_chart_types_and_unknown_properties_are_refused()
    {
        var chart = Assert.Throws<ReportException>(() => _kit.Parse(Report("""
            "measures": [{"key": "n", "aggregate": "count"}]
            """, "sparkle")));
        Assert.Contains("Unknown chart type 'sparkle'", chart.Errors[0].En);
        var property = Assert.Throws<ReportException>(() => _kit.Parse(Report("""
            "measures": [{"key": "n", "aggregate": "count", "colour": "red"}]
            """)));
        Assert.Contains("colour", property.Errors[0].En);
    }

    [Fact]
    public async Task Bad_parameter_values_are_refused_with_the_parameter_named()
    {
        var error = await Assert.ThrowsAsync<ReportException>(() => _kit.RunAsync(Report("""
            "measures": [{"key": "n", "aggregate": "count"}],
            "parameters": [{"key": "period", "type": "dateRange", "field": "close_date"}]
            """), parameters: new() { ["period"] = "someday", ["extra"] = 1 }));
        Assert.Contains(error.Errors, e => e.Path == "parameters.period" && e.En.Contains("date range"));
        Assert.Contains(error.Errors, e => e.Path == "parameters.extra");
    }

    [Fact]
    public async Task Buckets_on_non_dates_and_lines_without_a_source_are_refused()
    {
        var error = await Assert.ThrowsAsync<ReportException>(() => _kit.RunAsync(Report("""
            "dimensions": [{"field": "amount", "bucket": "month"}, {"field": "lines.product"}], "measures": [{"key": "n", "aggregate": "count"}]
            """)));
        Assert.Contains(error.Errors, e => e.Path == "dimensions[0]" && e.En.Contains("not a date"));
        Assert.Contains(error.Errors, e => e.Path == "dimensions[1]" && e.En.Contains("source.lines"));
    }

    [Fact]
    public async Task A_source_lines_value_that_is_not_a_sub_table_never_reaches_sql()
    {
        var error = await Assert.ThrowsAsync<ReportException>(() => _kit.RunAsync("""
            { "app": "crm", "key": "r", "name": "R", "source": {"form": "opportunities", "lines": "x' || pg_sleep(5) || '"}, "chart": {"type": "table"},
              "measures": [{"key": "n", "aggregate": "count"}] }
            """));
        Assert.Equal("source.lines", Assert.Single(error.Errors).Path);
    }

    [Fact]
    public async Task A_measure_filter_is_checked_against_the_form_with_its_path_named()
    {
        var error = await Assert.ThrowsAsync<ReportException>(() => _kit.RunAsync(Report("""
            "measures": [
              {"key": "a", "aggregate": "count", "filter": {"field": "colour", "op": "eq", "value": "red"}},
              {"key": "b", "aggregate": "sum", "field": "amount", "filter": {"and": [{"field": "stage", "op": "eq", "value": "won"}, {"field": "amount", "op": "thisWeek"}]}},
              {"key": "c", "aggregate": "count", "filter": {"field": "close_date", "op": "gte", "value": "someday"}}
            ]
            """)));
        Assert.Equal(["measures.a.filter", "measures.b.filter.and[1]", "measures.c.filter"], error.Errors.Select(e => e.Path));
        Assert.Contains("Unknown field 'colour'", error.Errors[0].En);
        Assert.Contains("未知字段", error.Errors[0].Zh);
        Assert.Contains("'ThisWeek' cannot be used on 'amount'", error.Errors[1].En);
        Assert.Contains("不是日期", error.Errors[2].Zh);
    }

    [Fact]
    public void A_filter_on_a_derived_measure_is_refused_when_parsed()
    {
        var error = Assert.Throws<ReportException>(() => _kit.Parse(Report("""
            "measures": [{"key": "n", "aggregate": "count"}, {"key": "w", "aggregate": "count", "filter": {"field": "stage", "op": "eq", "value": "won"}},
                         {"key": "rate", "aggregate": "ratio", "numerator": "w", "denominator": "n", "filter": {"field": "stage", "op": "eq", "value": "won"}}]
            """)));
        var e = Assert.Single(error.Errors);
        Assert.Equal("measures.rate.filter", e.Path);
        Assert.Contains("Only aggregate measures", e.En);
        Assert.Contains("只有聚合度量", e.Zh);
    }
}
