using System.Text.Json.Nodes;
using Platform.Forms.Queries;
using Platform.Reports.Definitions;
using Platform.Studio.Runtime.Dashboards;
using System.Globalization;

namespace Platform.Studio.Tests.Workbench;

public sealed class ListLinksTests
{
    [Fact]
    public void A_drill_filter_survives_the_trip_through_the_list_link()
    {
        var filter = FilterNode.All(FilterNode.Where("stage", FilterOperator.Eq, JsonValue.Create("won")),
            FilterNode.Where("close_date", FilterOperator.Between, new JsonArray("2026-01-01", "2026-03-31")));

        var href = ListLinks.Filtered("crm", "deal", filter);
        Assert.StartsWith("/apps/crm/forms/deal?filter=", href);
        var parsed = ListLinks.Parse(Uri.UnescapeDataString(href[(href.IndexOf('=') + 1)..]));

        Assert.NotNull(parsed);
        Assert.Equal(2, parsed.And!.Count);
        Assert.Equal(("stage", FilterOperator.Eq, "won"), (parsed.And[0].Field, parsed.And[0].Op!.Value, parsed.And[0].Value!.GetValue<string>()));
        Assert.Equal("[\"2026-01-01\",\"2026-03-31\"]", parsed.And[1].Value!.ToJsonString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{not json")]
    public void A_missing_or_broken_filter_is_ignored(string? json) => Assert.Null(ListLinks.Parse(json));

    [Theory]
    [InlineData(1234.5, ValueFormat.Money, null, "1,234.50")]
    [InlineData(0.256, ValueFormat.Percent, null, "25.6%")]
    [InlineData(25, ValueFormat.Percent, 0, "25%")]
    [InlineData(41.6, ValueFormat.Integer, null, "42")]
    [InlineData(null, ValueFormat.Number, null, "—")]
    public void Measure_values_are_formatted_for_the_reader(double? value, ValueFormat format, int? precision, string expected) =>
        Assert.Equal(expected, ReportValues.Format((decimal?)value, format, precision, CultureInfo.InvariantCulture));
}
