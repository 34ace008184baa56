using System.Text.Json.Nodes;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Charts;

/// <summary>Bars on the left axis and lines on the right (amount and conversion rate by month); <c>secondaryMeasures</c> picks the lines.</summary>
internal sealed class ComboChart : IChartType
{
    public string Name => "combo";

    public IEnumerable<ReportError> Check(ReportDefinition report)
    {
        foreach (var e in ChartData.Errors(ChartData.Dimensions(report, Name, 1, 1), ChartData.Measures(report, Name, 2))) yield return e;
        var secondary = report.Chart.SecondaryMeasures ?? [];
        if (secondary.Count == 0)
            yield return new("chart.secondaryMeasures", "A combo chart needs the measures drawn as lines on the right axis.", "组合图需要指定在右侧坐标轴以折线显示的度量。");
        foreach (var key in secondary.Where(k => report.Measure(k) is null))
            yield return new("chart.secondaryMeasures", $"'{key}' is not a measure of the report.", $"“{key}”不是报表的度量。");
    }

    public JsonObject Build(ReportResult result, ChartDefinition chart, string? culture)
    {
        var secondary = chart.SecondaryMeasures ?? [];
        var series = new JsonArray();
        foreach (var i in ChartData.VisibleMeasures(result))
        {
            var m = result.Measures[i];
            var right = secondary.Contains(m.Key);
            series.Add(new JsonObject
            {
                ["name"] = m.Label,
                ["type"] = right ? "line" : "bar",
                ["yAxisIndex"] = right ? 1 : 0,
                ["data"] = new JsonArray(result.Rows.Select(r => (JsonNode)ChartData.Item(r, r.Values[i], r.Cells[0].Label)).ToArray()),
            });
        }
        return new JsonObject
        {
            ["title"] = ChartData.Title(result, chart, culture),
            ["tooltip"] = new JsonObject { ["trigger"] = "axis" },
            ["legend"] = new JsonObject { ["top"] = "bottom" },
            ["xAxis"] = new JsonObject { ["type"] = "category", ["data"] = ChartData.Categories(result) },
            ["yAxis"] = new JsonArray(new JsonObject { ["type"] = "value" }, new JsonObject { ["type"] = "value", ["position"] = "right", ["splitLine"] = new JsonObject { ["show"] = false } }),
            ["series"] = series,
            ["platform"] = ChartData.Meta(result, Name),
        };
    }
}
