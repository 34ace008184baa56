using System.Text.Json.Nodes;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Charts;

/// <summary>
/// Rows by columns: the first <c>rowDimensions</c> dimensions (default all but the last) down the side, the rest
/// across the top, one cell per measure, with row subtotals, column totals and the grand total from the
/// report's subtotal rows (set <c>subtotals: true</c>).
/// </summary>
internal sealed class PivotChart : IChartType
{
    public string Name => "pivot";

    public IEnumerable<ReportError> Check(ReportDefinition report)
    {
        foreach (var e in ChartData.Errors(ChartData.Dimensions(report, Name, 2, 3), ChartData.Measures(report, Name, 1))) yield return e;
        if (report.Chart.RowDimensions is { } n && (n < 1 || n >= report.Dimensions.Count))
            yield return new("chart.rowDimensions", "rowDimensions must leave at least one dimension on each side.", "rowDimensions 必须使行和列各至少有一个维度。");
    }

    public JsonObject Build(ReportResult result, ChartDefinition chart, string? culture)
    {
        var rowDims = chart.RowDimensions ?? result.Dimensions.Count - 1;
        var dims = result.Dimensions.Count;
        var rowMask = Mask(0, rowDims);
        var colMask = Mask(rowDims, dims);
        var measures = ChartData.VisibleMeasures(result);
        var all = result.Rows.Concat(result.Subtotals).Concat(result.Total is null ? [] : [result.Total]).ToList();

        var columnKeys = result.Rows.Select(r => Part(r, rowDims, dims)).DistinctBy(Id).ToList();
        var rowKeys = result.Rows.Select(r => Part(r, 0, rowDims)).DistinctBy(Id).ToList();
        JsonNode? Cell(int grouping, IReadOnlyList<ResultCell>? rowKey, IReadOnlyList<ResultCell>? colKey, int measure)
        {
            var hit = all.FirstOrDefault(r => r.Grouping == grouping
                && (rowKey is null || Id(Part(r, 0, rowDims)) == Id(rowKey))
                && (colKey is null || Id(Part(r, rowDims, dims)) == Id(colKey)));
            return hit is null ? null : ChartData.Number(hit.Values[measure]);
        }

        var body = new JsonArray();
        foreach (var rk in rowKeys)
        {
            body.Add(new JsonObject
            {
                ["header"] = Labels(rk),
                ["keys"] = Keys(rk),
                ["cells"] = new JsonArray(columnKeys.SelectMany(ck => measures.Select(m => Cell(0, rk, ck, m))).ToArray()),
                ["total"] = new JsonArray(measures.Select(m => Cell(colMask, rk, null, m)).ToArray()),
            });
        }
        return new JsonObject
        {
            ["kind"] = "pivot",
            ["title"] = chart.Title?.For(culture) ?? result.Name,
            ["rowHeaders"] = new JsonArray(result.Dimensions.Take(rowDims).Select(d => (JsonNode)JsonValue.Create(d.Label)!).ToArray()),
            ["columnHeaders"] = new JsonArray(result.Dimensions.Skip(rowDims).Select(d => (JsonNode)JsonValue.Create(d.Label)!).ToArray()),
            ["measures"] = new JsonArray(measures.Select(m => (JsonNode)JsonValue.Create(result.Measures[m].Label)!).ToArray()),
            ["columns"] = new JsonArray(columnKeys.Select(ck => (JsonNode)new JsonObject { ["header"] = Labels(ck), ["keys"] = Keys(ck) }).ToArray()),
            ["rows"] = body,
            ["columnTotals"] = new JsonArray(columnKeys.SelectMany(ck => measures.Select(m => Cell(rowMask, null, ck, m))).ToArray()),
            ["grandTotal"] = new JsonArray(measures.Select(m => Cell(rowMask | colMask, null, null, m)).ToArray()),
            ["platform"] = ChartData.Meta(result, Name),
        };
    }

    private static int Mask(int from, int to) => Enumerable.Range(from, to - from).Aggregate(0, (a, i) => a | (1 << i));

    private static IReadOnlyList<ResultCell> Part(ResultRow r, int from, int to) => r.Cells.Skip(from).Take(to - from).ToList();

    private static string Id(IReadOnlyList<ResultCell> cells) => string.Join("\u001f", cells.Select(c => c.Key ?? "\u0000"));

    private static JsonArray Labels(IReadOnlyList<ResultCell> cells) => new(cells.Select(c => (JsonNode)JsonValue.Create(c.Label)!).ToArray());

    private static JsonArray Keys(IReadOnlyList<ResultCell> cells) => new(cells.Select(c => (JsonNode?)JsonValue.Create(c.Key)).ToArray());
}
