using System.Text.Json.Nodes;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Charts;

/// <summary>A plain table: one column per dimension and visible measure, subtotal and total rows marked.</summary>
internal sealed class TableChart : IChartType
{
    public string Name => "table";

    public IEnumerable<ReportError> Check(ReportDefinition report) => [];

    public JsonObject Build(ReportResult result, ChartDefinition chart, string? culture)
    {
        var measures = ChartData.VisibleMeasures(result);
        var columns = new JsonArray();
        foreach (var d in result.Dimensions) columns.Add(new JsonObject { ["key"] = d.Key, ["label"] = d.Label, ["kind"] = "dimension" });
        foreach (var i in measures)
            columns.Add(new JsonObject { ["key"] = result.Measures[i].Key, ["label"] = result.Measures[i].Label, ["kind"] = "measure", ["format"] = result.Measures[i].Format.ToString().ToLowerInvariant() });
        var rows = new JsonArray();
        foreach (var row in result.Rows.Concat(result.Subtotals)) rows.Add(Row(row, measures, row.Grouping == 0 ? "row" : "subtotal"));
        if (result.Total is { } total && result.Dimensions.Count > 0) rows.Add(Row(total, measures, "total"));
        return new JsonObject
        {
            ["kind"] = "table",
            ["title"] = chart.Title?.For(culture) ?? result.Name,
            ["columns"] = columns,
            ["rows"] = rows,
            ["platform"] = ChartData.Meta(result, Name),
        };
    }

    private static JsonObject Row(ResultRow row, IReadOnlyList<int> measures, string kind) => new()
    {
        ["kind"] = kind,
        ["cells"] = new JsonArray(row.Cells.Select(c => (JsonNode)JsonValue.Create(c.Label)!).Concat(measures.Select(i => ChartData.Number(row.Values[i]))).ToArray()),
        ["keys"] = ChartData.Keys(row),
    };
}
