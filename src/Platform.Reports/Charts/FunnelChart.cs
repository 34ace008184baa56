using System.Text.Json.Nodes;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Charts;

/// <summary>
/// Stages in their defined order (a select field's option order) with the conversion rate from each stage to the
/// next and from the first stage, on each item (<c>conversion</c>, <c>overall</c>) and in <c>platform.conversions</c>.
/// </summary>
internal sealed class FunnelChart : IChartType
{
    public string Name => "funnel";

    public IEnumerable<ReportError> Check(ReportDefinition report)
    {
        foreach (var e in ChartData.Errors(ChartData.Dimensions(report, Name, 1, 1), ChartData.Measures(report, Name, 1, 1))) yield return e;
        if (report.Top is not null) yield return new("top", "A funnel shows every stage; remove top-N.", "漏斗图显示所有阶段；请移除前 N 名设置。");
    }

    public JsonObject Build(ReportResult result, ChartDefinition chart, string? culture)
    {
        var m = ChartData.VisibleMeasures(result)[0];
        var data = new JsonArray();
        var conversions = new JsonArray();
        decimal? first = null, previous = null;
        string? previousName = null;
        foreach (var row in result.Rows)
        {
            var value = row.Values[m];
            var name = row.Cells[0].Label;
            var item = ChartData.Item(row, value, name);
            first ??= value;
            var step = Rate(value, previous);
            item["conversion"] = ChartData.Number(step);
            item["overall"] = ChartData.Number(Rate(value, first));
            if (previousName is not null)
                conversions.Add(new JsonObject { ["from"] = previousName, ["to"] = name, ["rate"] = ChartData.Number(step) });
            data.Add(item);
            previous = value;
            previousName = name;
        }
        var meta = ChartData.Meta(result, Name);
        meta["conversions"] = conversions;
        return new JsonObject
        {
            ["title"] = ChartData.Title(result, chart, culture),
            ["tooltip"] = new JsonObject { ["trigger"] = "item" },
            ["series"] = new JsonArray(new JsonObject
            {
                ["name"] = result.Measures[m].Label,
                ["type"] = "funnel",
                ["sort"] = "none",
                ["left"] = "10%",
                ["width"] = "80%",
                ["label"] = new JsonObject { ["show"] = true, ["position"] = "inside" },
                ["data"] = data,
            }),
            ["platform"] = meta,
        };
    }

    private static decimal? Rate(decimal? value, decimal? of) => value is { } v && of is { } o && o != 0 ? v / o : null;
}
