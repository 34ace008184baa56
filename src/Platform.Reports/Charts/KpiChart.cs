using System.Text.Json.Nodes;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Charts;

/// <summary>A KPI card: the value of the first measure, the previous period's value and the change, and an optional target.</summary>
internal sealed class KpiChart : IChartType
{
    public string Name => "kpi";

    public IEnumerable<ReportError> Check(ReportDefinition report) =>
        ChartData.Errors(ChartData.Dimensions(report, Name, 0, 0), ChartData.Measures(report, Name, 1));

    public JsonObject Build(ReportResult result, ChartDefinition chart, string? culture)
    {
        var m = ChartData.VisibleMeasures(result)[0];
        var value = result.Total?.Values[m];
        var previous = result.PreviousTotal?.Values[m];
        var measure = result.Measures[m];
        return new JsonObject
        {
            ["kind"] = "kpi",
            ["title"] = chart.Title?.For(culture) ?? result.Name,
            ["label"] = measure.Label,
            ["value"] = ChartData.Number(value),
            ["previous"] = ChartData.Number(previous),
            ["change"] = ChartData.Number(value is { } v && previous is { } p && p != 0 ? (v - p) / Math.Abs(p) : null),
            ["trend"] = value is { } a && previous is { } b ? (a > b ? "up" : a < b ? "down" : "flat") : null,
            ["target"] = ChartData.Number(chart.Target),
            ["progress"] = ChartData.Number(value is { } x && chart.Target is { } t && t != 0 ? x / t : null),
            ["format"] = measure.Format.ToString().ToLowerInvariant(),
            ["period"] = result.Period is { } r ? new JsonObject { ["from"] = r.From.ToString("yyyy-MM-dd"), ["to"] = r.To.ToString("yyyy-MM-dd") } : null,
            ["previousPeriod"] = result.PreviousPeriod is { } q ? new JsonObject { ["from"] = q.From.ToString("yyyy-MM-dd"), ["to"] = q.To.ToString("yyyy-MM-dd") } : null,
            ["platform"] = ChartData.Meta(result, Name),
        };
    }
}
