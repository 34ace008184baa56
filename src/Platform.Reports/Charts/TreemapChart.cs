using System.Text.Json.Nodes;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Charts;

/// <summary>Nested rectangles sized by the first measure; a second dimension nests inside the first.</summary>
internal sealed class TreemapChart : IChartType
{
    public string Name => "treemap";

    public IEnumerable<ReportError> Check(ReportDefinition report) =>
        ChartData.Errors(ChartData.Dimensions(report, Name, 1, 2), ChartData.Measures(report, Name, 1, 1));

    public JsonObject Build(ReportResult result, ChartDefinition chart, string? culture)
    {
        var m = ChartData.VisibleMeasures(result)[0];
        JsonArray data;
        if (result.Dimensions.Count == 1)
        {
            data = new JsonArray(result.Rows.Select(r => (JsonNode)ChartData.Item(r, r.Values[m], r.Cells[0].Label)).ToArray());
        }
        else
        {
            data = new JsonArray(result.Rows.GroupBy(r => r.Cells[0]).Select(g => (JsonNode)new JsonObject
            {
                ["name"] = g.Key.Label,
                ["value"] = ChartData.Number(g.Sum(r => r.Values[m] ?? 0)),
                ["keys"] = new JsonArray(JsonValue.Create(g.Key.Key)),
                ["children"] = new JsonArray(g.Select(r => (JsonNode)ChartData.Item(r, r.Values[m], r.Cells[1].Label)).ToArray()),
            }).ToArray());
        }
        return new JsonObject
        {
            ["title"] = ChartData.Title(result, chart, culture),
            ["tooltip"] = new JsonObject(),
            ["series"] = new JsonArray(new JsonObject
            {
                ["name"] = result.Measures[m].Label,
                ["type"] = "treemap",
                ["leafDepth"] = result.Dimensions.Count == 2 ? 2 : 1,
                ["data"] = data,
            }),
            ["platform"] = ChartData.Meta(result, Name),
        };
    }
}
