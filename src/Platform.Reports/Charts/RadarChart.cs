using System.Text.Json.Nodes;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Charts;

/// <summary>The dimension's values as spokes, one polygon per measure.</summary>
internal sealed class RadarChart : IChartType
{
    public string Name => "radar";

    public IEnumerable<ReportError> Check(ReportDefinition report) =>
        ChartData.Errors(ChartData.Dimensions(report, Name, 1, 1), ChartData.Measures(report, Name, 1));

    public JsonObject Build(ReportResult result, ChartDefinition chart, string? culture)
    {
        var ms = ChartData.VisibleMeasures(result);
        var max = result.Rows.SelectMany(r => ms.Select(i => r.Values[i])).OfType<decimal>().DefaultIfEmpty(0).Max();
        return new JsonObject
        {
            ["title"] = ChartData.Title(result, chart, culture),
            ["tooltip"] = new JsonObject(),
            ["legend"] = new JsonObject { ["top"] = "bottom" },
            ["radar"] = new JsonObject
            {
                ["indicator"] = new JsonArray(result.Rows.Select(r => (JsonNode)new JsonObject { ["name"] = r.Cells[0].Label, ["max"] = ChartData.Number(max) }).ToArray()),
            },
            ["series"] = new JsonArray(new JsonObject
            {
                ["type"] = "radar",
                ["data"] = new JsonArray(ms.Select(i => (JsonNode)new JsonObject
                {
                    ["name"] = result.Measures[i].Label,
                    ["value"] = new JsonArray(result.Rows.Select(r => ChartData.Number(r.Values[i])).ToArray()),
                }).ToArray()),
            }),
            ["platform"] = ChartData.Meta(result, Name),
        };
    }
}
