using System.Text.Json.Nodes;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Charts;

/// <summary>
/// Values by province on a map of China. Data items are named by the GB/T 2260 province names ("广东省"), which the
/// map geometry the Studio registers under <c>chart.map</c> (default <c>china</c>) must use as feature names.
/// </summary>
internal sealed class ChinaMapChart : IChartType
{
    public string Name => "chinaMap";

    public IEnumerable<ReportError> Check(ReportDefinition report)
    {
        foreach (var e in ChartData.Errors(ChartData.Dimensions(report, Name, 1, 1), ChartData.Measures(report, Name, 1, 1))) yield return e;
        if (report.Dimensions.Count == 1 && report.Dimensions[0].Level == AddressLevel.City)
            yield return new("dimensions", "The China map shows provinces; group the address by province.", "中国地图按省份显示；请按省份对地址分组。");
    }

    public JsonObject Build(ReportResult result, ChartDefinition chart, string? culture)
    {
        var m = ChartData.VisibleMeasures(result)[0];
        var values = result.Rows.Where(r => r.Cells[0].Key is not null).Select(r => r.Values[m]).OfType<decimal>().ToList();
        return new JsonObject
        {
            ["title"] = ChartData.Title(result, chart, culture),
            ["tooltip"] = new JsonObject { ["trigger"] = "item" },
            ["visualMap"] = new JsonObject
            {
                ["min"] = 0,
                ["max"] = ChartData.Number(values.Count > 0 ? values.Max() : 0),
                ["left"] = "left",
                ["bottom"] = 0,
                ["calculable"] = true,
            },
            ["series"] = new JsonArray(new JsonObject
            {
                ["name"] = result.Measures[m].Label,
                ["type"] = "map",
                ["map"] = chart.Map ?? "china",
                ["roam"] = true,
                ["data"] = new JsonArray(result.Rows.Where(r => r.Cells[0].Key is not null)
                    .Select(r => (JsonNode)ChartData.Item(r, r.Values[m], r.Cells[0].Label)).ToArray()),
            }),
            ["platform"] = ChartData.Meta(result, Name),
        };
    }
}
