using System.Text.Json.Nodes;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Charts;

/// <summary>One value against a maximum (<c>target</c>, or the next round number above the value).</summary>
internal sealed class GaugeChart : IChartType
{
    public string Name => "gauge";

    public IEnumerable<ReportError> Check(ReportDefinition report) =>
        ChartData.Errors(ChartData.Dimensions(report, Name, 0, 0), ChartData.Measures(report, Name, 1, 1));

    public JsonObject Build(ReportResult result, ChartDefinition chart, string? culture)
    {
        var m = ChartData.VisibleMeasures(result)[0];
        var value = result.Total?.Values[m] ?? 0;
        var percent = result.Measures[m].Format == ValueFormat.Percent;
        var max = chart.Target ?? (percent ? 1 : RoundUp(value));
        return new JsonObject
        {
            ["title"] = ChartData.Title(result, chart, culture),
            ["series"] = new JsonArray(new JsonObject
            {
                ["type"] = "gauge",
                ["min"] = 0,
                ["max"] = ChartData.Number(max),
                ["progress"] = new JsonObject { ["show"] = true },
                ["detail"] = new JsonObject { ["valueAnimation"] = true },
                ["data"] = new JsonArray(new JsonObject { ["name"] = result.Measures[m].Label, ["value"] = ChartData.Number(value) }),
            }),
            ["platform"] = ChartData.Meta(result, Name),
        };
    }

    private static decimal RoundUp(decimal value)
    {
        if (value <= 0) return 1;
        var magnitude = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)value)));
        return Math.Ceiling(value / magnitude) * magnitude;
    }
}
