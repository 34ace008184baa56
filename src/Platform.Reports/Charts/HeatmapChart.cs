using System.Text.Json.Nodes;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Charts;

/// <summary>First dimension across, second down (product by region), one measure as colour.</summary>
internal sealed class HeatmapChart : IChartType
{
    public string Name => "heatmap";

    public IEnumerable<ReportError> Check(ReportDefinition report) =>
        ChartData.Errors(ChartData.Dimensions(report, Name, 2, 2), ChartData.Measures(report, Name, 1, 1));

    public JsonObject Build(ReportResult result, ChartDefinition chart, string? culture)
    {
        var m = ChartData.VisibleMeasures(result)[0];
        var xs = ChartData.Distinct(result, 0);
        var ys = ChartData.Distinct(result, 1);
        var data = new JsonArray();
        foreach (var row in result.Rows)
        {
            var x = xs.ToList().IndexOf(row.Cells[0]);
            var y = ys.ToList().IndexOf(row.Cells[1]);
            data.Add(new JsonObject { ["value"] = new JsonArray(x, y, ChartData.Number(row.Values[m])), ["keys"] = ChartData.Keys(row) });
        }
        var values = result.Rows.Select(r => r.Values[m]).OfType<decimal>().ToList();
        return new JsonObject
        {
            ["title"] = ChartData.Title(result, chart, culture),
            ["tooltip"] = new JsonObject { ["position"] = "top" },
            ["grid"] = new JsonObject { ["containLabel"] = true },
            ["xAxis"] = new JsonObject { ["type"] = "category", ["data"] = ChartData.Categories(result, 0), ["splitArea"] = new JsonObject { ["show"] = true } },
            ["yAxis"] = new JsonObject { ["type"] = "category", ["data"] = ChartData.Categories(result, 1), ["splitArea"] = new JsonObject { ["show"] = true } },
            ["visualMap"] = new JsonObject
            {
                ["min"] = ChartData.Number(values.Count > 0 ? values.Min() : 0),
                ["max"] = ChartData.Number(values.Count > 0 ? values.Max() : 0),
                ["calculable"] = true,
                ["orient"] = "horizontal",
                ["left"] = "center",
                ["bottom"] = 0,
            },
            ["series"] = new JsonArray(new JsonObject
            {
                ["name"] = result.Measures[m].Label,
                ["type"] = "heatmap",
                ["label"] = new JsonObject { ["show"] = chart.Labels },
                ["data"] = data,
            }),
            ["platform"] = ChartData.Meta(result, Name),
        };
    }
}
