using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Reports.Charts;

namespace Platform.Reports.Definitions;

/// <summary>Reads report and dashboard definitions from JSON once, into typed records, and checks them with every error listed.</summary>
public sealed partial class ReportDefinitionParser
{
    private readonly ChartRegistry _charts;
    private readonly ReportDefinitionValidator _validator;

    internal ReportDefinitionParser(ChartRegistry charts, ReportDefinitionValidator validator)
    {
        _charts = charts;
        _validator = validator;
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,62}$")]
    internal static partial Regex KeyPattern();

    public ReportDefinition ParseReport(string json) => Check(Deserialize<ReportDefinition>(json));

    public DashboardDefinition ParseDashboard(string json) => Check(Deserialize<DashboardDefinition>(json));

    public string Serialize(ReportDefinition report) => JsonSerializer.Serialize(report, ReportJson.Options);

    public string Serialize(DashboardDefinition dashboard) => JsonSerializer.Serialize(dashboard, ReportJson.Options);

    public ReportDefinition Check(ReportDefinition report)
    {
        var errors = _validator.Check(report).ToList();
        if (_charts.TryGet(report.Chart.Type, out var chart)) errors.AddRange(chart.Check(report));
        else errors.Add(new("chart.type", $"Unknown chart type '{report.Chart.Type}'. Known: {string.Join(", ", _charts.Names)}.",
            $"未知的图表类型“{report.Chart.Type}”。可用类型：{string.Join("、", _charts.Names)}。"));
        return errors.Count > 0 ? throw new ReportException(errors) : report;
    }

    public DashboardDefinition Check(DashboardDefinition dashboard)
    {
        var errors = _validator.Check(dashboard).ToList();
        foreach (var w in dashboard.Widgets.Where(w => w.Chart is not null && !_charts.TryGet(w.Chart, out _)))
            errors.Add(new($"widgets.{w.Id}.chart", $"Unknown chart type '{w.Chart}'.", $"未知的图表类型“{w.Chart}”。"));
        return errors.Count > 0 ? throw new ReportException(errors) : dashboard;
    }

    private static T Deserialize<T>(string json) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, ReportJson.Options)
                ?? throw new ReportException("", "The definition is empty.", "定义为空。");
        }
        catch (JsonException e)
        {
            var path = e.Path?.TrimStart('$', '.') ?? "";
            throw new ReportException(path, $"The definition is not valid JSON for this format: {e.Message}", $"定义的 JSON 不符合格式要求：{e.Message}");
        }
    }
}
