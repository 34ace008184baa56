using System.Text.Json.Nodes;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Charts;

/// <summary>
/// Column, bar, line, area and their stacked forms. One dimension: a series per measure. Two dimensions:
/// the second splits the first measure into series (sales by month per region).
/// </summary>
internal abstract class CartesianChart : IChartType
{
    public abstract string Name { get; }
    protected abstract string SeriesType { get; }
    protected virtual bool Horizontal => false;
    protected virtual bool Stacked => false;
    protected virtual bool Percent => false;
    protected virtual bool Area => false;

    public virtual IEnumerable<ReportError> Check(ReportDefinition report) =>
        ChartData.Errors(ChartData.Dimensions(report, Name, 1, 2), ChartData.Measures(report, Name, 1),
            report.Dimensions.Count == 2 && report.Measures.Count(m => !m.Hidden) > 1
                ? new ReportError("chart.type", $"With two dimensions a {Name} chart draws one measure; hide the others.", $"两个维度时“{Name}”图表只能绘制一个度量；请隐藏其他度量。")
                : null);

    public JsonObject Build(ReportResult result, ChartDefinition chart, string? culture)
    {
        var categories = ChartData.Categories(result);
        var series = result.Dimensions.Count == 2 ? SplitSeries(result, chart) : MeasureSeries(result, chart);
        if (Percent) ToPercent(series, categories.Count);
        var categoryAxis = new JsonObject { ["type"] = "category", ["data"] = categories };
        var valueAxis = new JsonObject { ["type"] = "value" };
        if (Percent) valueAxis["max"] = 100;
        return new JsonObject
        {
            ["title"] = ChartData.Title(result, chart, culture),
            ["tooltip"] = new JsonObject { ["trigger"] = "axis" },
            ["legend"] = new JsonObject { ["top"] = "bottom" },
            ["grid"] = new JsonObject { ["containLabel"] = true },
            ["xAxis"] = Horizontal ? valueAxis : categoryAxis,
            ["yAxis"] = Horizontal ? categoryAxis.DeepClone() : valueAxis.DeepClone(),
            ["series"] = series,
            ["platform"] = ChartData.Meta(result, Name),
        };
    }

    private JsonArray MeasureSeries(ReportResult r, ChartDefinition chart) => new(ChartData.VisibleMeasures(r).Select(i =>
        (JsonNode)Series(r.Measures[i].Label, chart, r.Rows.Select(row => ChartData.Item(row, row.Values[i], row.Cells[0].Label)))).ToArray());

    private JsonArray SplitSeries(ReportResult r, ChartDefinition chart)
    {
        var measure = ChartData.VisibleMeasures(r)[0];
        var categories = ChartData.Distinct(r, 0);
        return new JsonArray(ChartData.Distinct(r, 1).Select(s => (JsonNode)Series(s.Label, chart, categories.Select(c =>
        {
            var row = r.Rows.FirstOrDefault(x => x.Cells[0] == c && x.Cells[1] == s);
            return row is null ? new JsonObject { ["value"] = null } : ChartData.Item(row, row.Values[measure], c.Label);
        }))).ToArray());
    }

    protected JsonObject Series(string name, ChartDefinition chart, IEnumerable<JsonObject> data)
    {
        var s = new JsonObject { ["name"] = name, ["type"] = SeriesType, ["data"] = new JsonArray(data.Cast<JsonNode>().ToArray()) };
        if (Stacked || Percent) s["stack"] = "total";
        if (Area) s["areaStyle"] = new JsonObject();
        if (chart.Smooth && SeriesType == "line") s["smooth"] = true;
        if (chart.Labels) s["label"] = new JsonObject { ["show"] = true };
        return s;
    }

    /// <summary>Each category's values become percentages of the category's total; the raw value stays on the item.</summary>
    private static void ToPercent(JsonArray series, int categories)
    {
        for (var c = 0; c < categories; c++)
        {
            var items = series.Select(s => s!["data"]!.AsArray()[c]!.AsObject()).ToList();
            var total = items.Sum(i => i["value"]?.GetValue<decimal>() ?? 0);
            foreach (var item in items)
            {
                var raw = item["value"]?.GetValue<decimal>();
                item["raw"] = raw is null ? null : JsonValue.Create(raw.Value);
                item["value"] = raw is null || total == 0 ? null : JsonValue.Create(Math.Round(raw.Value / total * 100, 4));
            }
        }
    }
}
