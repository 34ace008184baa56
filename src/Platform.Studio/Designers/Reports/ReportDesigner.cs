using System.Text.RegularExpressions;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Reports.Charts;
using Platform.Reports.Definitions;
using Platform.Reports.Running;
using Platform.Studio.Designers.Forms;

namespace Platform.Studio.Designers.Reports;

/// <summary>A preview run: the result on real data, or the problems that stopped it.</summary>
public sealed record ReportPreview(ReportResult? Result, IReadOnlyList<DesignIssue> Issues);

/// <summary>The report designer's use of the engines: source forms, drafts, preview on real data, publish.</summary>
public sealed partial class ReportDesigner(IReportDefinitions reports, IReportRunner runner, IFormDefinitions forms, ChartRegistry charts)
{
    /// <summary>Chart types in the gallery order; only types the engine has are offered.</summary>
    public IReadOnlyList<string> ChartTypes { get; } =
        new[] { "column", "bar", "line", "area", "stacked", "percentStacked", "combo", "pie", "donut", "funnel", "ranking", "kpi", "gauge", "table", "pivot", "heatmap", "treemap", "radar", "scatter", "chinaMap" }
            .Where(t => charts.Names.Contains(t)).ToList();

    public async Task<(ReportDesign Design, IReadOnlyList<DefinitionVersionInfo> Versions)?> OpenAsync(string app, string key, CancellationToken ct)
    {
        var draft = await reports.GetReportDraftAsync(app, key, ct) ?? await reports.GetReportAsync(app, key, null, ct);
        if (draft is null) return null;
        var versions = await reports.ListVersionsAsync("report", app, key, ct);
        var design = ReportDesign.From(draft);
        design.IsPublished = versions.Count > 0;
        return (design, versions);
    }

    public async Task<IReadOnlyList<FormSummary>> FormsAsync(string app, CancellationToken ct) =>
        (await forms.ListFormsAsync(app, ct)).Where(f => f.PublishedVersion is not null).ToList();

    public Task<FormDefinition?> FormAsync(string app, string form, CancellationToken ct) => forms.GetPublishedAsync(app, form, ct);

    public async Task<IReadOnlyList<DefinitionSummary>> ReportsAsync(string app, CancellationToken ct) =>
        (await reports.ListAsync(app, ct)).Where(d => d.Kind == "report").ToList();

    public IReadOnlyList<DesignIssue> Check(ReportDesign design)
    {
        var issues = new List<DesignIssue>();
        if (string.IsNullOrWhiteSpace(design.Name.En) || string.IsNullOrWhiteSpace(design.Name.Zh))
            issues.Add(new(null, "The report needs a name in Chinese and English.", "报表需要中文和英文名称。"));
        if (!KeyPattern().IsMatch(design.Key))
            issues.Add(new(null, "The report key uses lower-case letters, digits, - and _.", "报表标识只能包含小写字母、数字、- 和 _。"));
        if (string.IsNullOrEmpty(design.Form))
            issues.Add(new(null, "Choose the form the report reads.", "请选择数据来源表单。"));
        if (design.Measures.Count == 0)
            issues.Add(new(null, "Drag at least one field (or \"count\") into the measures.", "请至少拖入一个指标（或“记录数”）。"));
        foreach (var color in design.Colors.Where(c => !ColorPattern().IsMatch(c)))
            issues.Add(new(null, $"The colour '{color}' is not a #rrggbb colour.", $"颜色“{color}”不是 #rrggbb 格式。"));
        if (design.TopCount is < 1 or > ReportLimits.MaxTop)
            issues.Add(new(null, $"Top N must be between 1 and {ReportLimits.MaxTop}.", $"前 N 名必须在 1 到 {ReportLimits.MaxTop} 之间。"));
        return issues;
    }

    /// <summary>Runs the design as it is on the viewer's real data (not cached), so the preview shows what publishing would show.</summary>
    public async Task<ReportPreview> PreviewAsync(ReportDesign design, UserContext user, string culture, CancellationToken ct)
    {
        var issues = Check(design);
        if (issues.Count > 0) return new ReportPreview(null, issues);
        try
        {
            var form = await forms.GetPublishedAsync(design.App, design.Form, ct);
            var result = await runner.RunAsync(design.ToDefinition(form), user, null, new RunOptions(culture, UseCache: false), ct);
            return new ReportPreview(result, []);
        }
        catch (ReportException e) { return new ReportPreview(null, Issues(e)); }
    }

    public async Task<DesignerOutcome> SaveAsync(ReportDesign design, UserContext user, CancellationToken ct)
    {
        var issues = Check(design);
        if (issues.Count > 0) return new DesignerOutcome(issues);
        try
        {
            var form = await forms.GetPublishedAsync(design.App, design.Form, ct);
            await reports.SaveReportDraftAsync(design.ToDefinition(form), user, ct);
            return new DesignerOutcome([]);
        }
        catch (ReportException e) { return new DesignerOutcome(Issues(e)); }
    }

    public async Task<DesignerOutcome> PublishAsync(ReportDesign design, UserContext user, CancellationToken ct)
    {
        var saved = await SaveAsync(design, user, ct);
        if (!saved.Succeeded) return saved;
        try
        {
            var published = await reports.PublishReportAsync(design.App, design.Key, user, ct);
            design.IsPublished = true;
            return new DesignerOutcome([], published.Version);
        }
        catch (ReportException e) { return new DesignerOutcome(Issues(e)); }
    }

    private static IReadOnlyList<DesignIssue> Issues(ReportException e) =>
        e.Errors.Select(x => new DesignIssue(x.Path, $"{x.Path}: {x.En}", $"{x.Path}：{x.Zh}")).ToList();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,62}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();
}
