using System.Text.Json.Nodes;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Charts;

/// <summary>Helpers shared by the chart types: visible measures, categories, data items with drill keys, shape checks.</summary>
internal static class ChartData
{
    public static IReadOnlyList<int> VisibleMeasures(ReportResult r) =>
        r.Measures.Select((m, i) => (m, i)).Where(x => !x.m.Hidden).Select(x => x.i).ToList();

    public static JsonArray Categories(ReportResult r, int dimension = 0) =>
        new(Distinct(r, dimension).Select(c => (JsonNode)JsonValue.Create(c.Label)!).ToArray());

    /// <summary>The values of one dimension in result order, each once.</summary>
    public static IReadOnlyList<ResultCell> Distinct(ReportResult r, int dimension) =>
        r.Rows.Select(row => row.Cells[dimension]).DistinctBy(c => (c.Key, c.Label)).ToList();

    public static JsonNode? Number(decimal? value) => value is { } v ? JsonValue.Create(Math.Round(v, 6)) : null;

    public static JsonArray Keys(ResultRow row) =>
        new(row.IsOthers ? [] : row.Cells.Select(c => (JsonNode?)JsonValue.Create(c.Key)).ToArray());

    public static JsonObject Item(ResultRow row, decimal? value, string name) => new()
    {
        ["name"] = name,
        ["value"] = Number(value),
        ["keys"] = Keys(row),
    };

    public static JsonObject Title(ReportResult r, ChartDefinition chart, string? culture) => new()
    {
        ["text"] = chart.Title?.For(culture) ?? r.Name,
        ["left"] = "center",
    };

    /// <summary>Formats per measure, for the Studio to attach value formatters (ECharts options cannot carry functions).</summary>
    public static JsonObject Meta(ReportResult r, string type) => new()
    {
        ["type"] = type,
        ["measures"] = new JsonArray(r.Measures.Where(m => !m.Hidden).Select(m => (JsonNode)new JsonObject
        {
            ["key"] = m.Key,
            ["label"] = m.Label,
            ["format"] = m.Format.ToString().ToLowerInvariant(),
            ["precision"] = m.Precision,
        }).ToArray()),
        ["dimensions"] = new JsonArray(r.Dimensions.Select(d => (JsonNode)JsonValue.Create(d.Key)!).ToArray()),
    };

    public static ReportError? Dimensions(ReportDefinition r, string type, int min, int max) =>
        r.Dimensions.Count < min || r.Dimensions.Count > max
            ? new("chart.type", min == max
                ? $"A {type} chart needs exactly {min} dimension(s); the report has {r.Dimensions.Count}."
                : $"A {type} chart needs {min} to {max} dimensions; the report has {r.Dimensions.Count}.",
                min == max ? $"“{type}”图表需要恰好 {min} 个维度；报表有 {r.Dimensions.Count} 个。" : $"“{type}”图表需要 {min} 到 {max} 个维度；报表有 {r.Dimensions.Count} 个。")
            : null;

    public static ReportError? Measures(ReportDefinition r, string type, int min, int max = int.MaxValue)
    {
        var n = r.Measures.Count(m => !m.Hidden);
        return n < min || n > max
            ? new("chart.type", $"A {type} chart needs {(max == int.MaxValue ? $"at least {min}" : min == max ? $"exactly {min}" : $"{min} to {max}")} visible measure(s); the report has {n}.",
                $"“{type}”图表需要{(max == int.MaxValue ? $"至少 {min}" : min == max ? $"恰好 {min}" : $"{min} 到 {max}")} 个可见度量；报表有 {n} 个。")
            : null;
    }

    public static IEnumerable<ReportError> Errors(params ReportError?[] errors) => errors.OfType<ReportError>();
}
