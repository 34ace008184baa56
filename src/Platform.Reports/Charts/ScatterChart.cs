using System.Text.Json.Nodes;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Charts;

/// <summary>One point per group: first measure across, second up, optional third as the point size.</summary>
internal sealed class ScatterChart : IChartType
{
    public string Name => "scatter";

    public IEnumerable<ReportError> Check(ReportDefinition report) =>
        ChartData.Errors(ChartData.Dimensions(report, Name, 1, 1), ChartData.Measures(report, Name, 2, 3));

    public JsonObject Build(ReportResult result, ChartDefinition chart, string? culture)
    {
        var ms = ChartData.VisibleMeasures(result);
        var data = new JsonArray(result.Rows.Select(r => (JsonNode)new JsonObject
        {
            ["name"] = r.Cells[0].Label,
            ["value"] = new JsonArray(ms.Select(i => ChartData.Number(r.Values[i])).ToArray()),
            ["keys"] = ChartData.Keys(r),
        }).ToArray());
        var series = new JsonObject { ["type"] = "scatter", ["data"] = data };
        var meta = ChartData.Meta(result, Name);
        // The third value sizes the point; the Studio scales it against the largest one.
        if (ms.Count == 3) meta["sizeMax"] = ChartData.Number(result.Rows.Select(r => r.Values[ms[2]]).OfType<decimal>().DefaultIfEmpty(1).Max());
        return new JsonObject
        {
            ["title"] = ChartData.Title(result, chart, culture),
            ["tooltip"] = new JsonObject { ["trigger"] = "item" },
            ["xAxis"] = new JsonObject { ["type"] = "value", ["name"] = result.Measures[ms[0]].Label },
            ["yAxis"] = new JsonObject { ["type"] = "value", ["name"] = result.Measures[ms[1]].Label },
            ["series"] = new JsonArray(series),
            ["platform"] = meta,
        };
    }
}
