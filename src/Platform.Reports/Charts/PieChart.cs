using System.Text.Json.Nodes;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Charts;

/// <summary>Shares of one measure across the values of one dimension.</summary>
internal class PieChart : IChartType
{
    public virtual string Name => "pie";
    protected virtual JsonNode Radius => JsonValue.Create("65%");

    public IEnumerable<ReportError> Check(ReportDefinition report) =>
        ChartData.Errors(ChartData.Dimensions(report, Name, 1, 1), ChartData.Measures(report, Name, 1, 1));

    public JsonObject Build(ReportResult result, ChartDefinition chart, string? culture)
    {
        var m = ChartData.VisibleMeasures(result)[0];
        return new JsonObject
        {
            ["title"] = ChartData.Title(result, chart, culture),
            ["tooltip"] = new JsonObject { ["trigger"] = "item" },
            ["legend"] = new JsonObject { ["top"] = "bottom" },
            ["series"] = new JsonArray(new JsonObject
            {
                ["name"] = result.Measures[m].Label,
                ["type"] = "pie",
                ["radius"] = Radius.DeepClone(),
                ["label"] = new JsonObject { ["show"] = true, ["formatter"] = "{b}: {d}%" },
                ["data"] = new JsonArray(result.Rows.Select(r => (JsonNode)ChartData.Item(r, r.Values[m], r.Cells[0].Label)).ToArray()),
            }),
            ["platform"] = ChartData.Meta(result, Name),
        };
    }
}
