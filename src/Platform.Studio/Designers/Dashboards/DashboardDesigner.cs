using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Core.Organization;
using Platform.Reports.Dashboards;
using Platform.Reports.Definitions;
using Platform.Studio.Designers.Forms;

namespace Platform.Studio.Designers.Dashboards;

/// <summary>The dashboard designer's use of the report engine: drafts, publish and a live load of every widget.</summary>
public sealed partial class DashboardDesigner(IReportDefinitions reports, IDashboardLoader loader)
{
    public async Task<DashboardDesign?> OpenAsync(string app, string key, CancellationToken ct)
    {
        var draft = await reports.GetDashboardDraftAsync(app, key, ct) ?? await reports.GetDashboardAsync(app, key, null, ct);
        if (draft is null) return null;
        var design = DashboardDesign.From(draft);
        design.IsPublished = (await reports.ListVersionsAsync("dashboard", app, key, ct)).Count > 0;
        return design;
    }

    /// <summary>Published reports of the app, with their parameters for binding.</summary>
    public async Task<IReadOnlyList<ReportDefinition>> ReportsAsync(string app, CancellationToken ct)
    {
        var result = new List<ReportDefinition>();
        foreach (var summary in (await reports.ListAsync(app, ct)).Where(s => s.Kind == "report" && s.PublishedVersion is not null))
            if (await reports.GetReportAsync(app, summary.Key, null, ct) is { } report) result.Add(report);
        return result;
    }

    public IReadOnlyList<DesignIssue> Check(DashboardDesign design, IReadOnlyList<ReportDefinition> available)
    {
        var issues = new List<DesignIssue>();
        if (string.IsNullOrWhiteSpace(design.Name.En) || string.IsNullOrWhiteSpace(design.Name.Zh))
            issues.Add(new(null, "The dashboard needs a name in Chinese and English.", "仪表盘需要中文和英文名称。"));
        if (!KeyPattern().IsMatch(design.Key))
            issues.Add(new(null, "The dashboard key uses lower-case letters, digits, - and _.", "仪表盘标识只能包含小写字母、数字、- 和 _。"));
        if (design.Widgets.Count == 0)
            issues.Add(new(null, "Add at least one report.", "请至少添加一个报表。"));
        if (design.RefreshSeconds is < 0 or (> 0 and < 10))
            issues.Add(new(null, "Refresh at most every 10 seconds (0 = never).", "刷新间隔至少 10 秒（0 表示不刷新）。"));
        foreach (var widget in design.Widgets)
        {
            var report = available.FirstOrDefault(r => r.Key == widget.Report);
            foreach (var (parameter, filterKey) in widget.Bindings)
            {
                var filter = design.Filters.FirstOrDefault(f => f.Key == filterKey);
                var p = report?.Parameter(parameter);
                if (filter is null)
                    issues.Add(new(widget.Id, $"Widget '{widget.Id}' is bound to the missing filter '{filterKey}'.", $"组件“{widget.Id}”绑定的筛选“{filterKey}”不存在。"));
                else if (p is not null && p.Type != filter.Type)
                    issues.Add(new(widget.Id, $"Widget '{widget.Id}': parameter '{parameter}' is a {p.Type}, the filter '{filterKey}' a {filter.Type}.", $"组件“{widget.Id}”：参数“{parameter}”的类型与筛选“{filterKey}”不一致。"));
            }
        }
        foreach (var filter in design.Filters.Where(f => !KeyPattern().IsMatch(f.Key)))
            issues.Add(new(null, $"The filter key '{filter.Key}' uses lower-case letters, digits, - and _.", $"筛选标识“{filter.Key}”只能包含小写字母、数字、- 和 _。"));
        return issues;
    }

    /// <summary>
    /// Loads the design as it stands (unsaved) with the viewer's data, as the published dashboard would; only the widget
    /// <paramref name="onlyWidget"/> when given (a widget just added need not reload the others).
    /// </summary>
    public async Task<DashboardResult?> LoadAsync(DashboardDesign design, UserContext user, string culture, CancellationToken ct, string? onlyWidget = null)
    {
        var definition = design.ToDefinition();
        if (onlyWidget is not null) definition = definition with { Widgets = definition.Widgets.Where(w => w.Id == onlyWidget).ToList() };
        if (definition.Widgets.Count == 0) return null;
        return await loader.LoadAsync(definition, user, new Dictionary<string, JsonNode?>(), culture, ct);
    }

    public async Task<DesignerOutcome> SaveAsync(DashboardDesign design, IReadOnlyList<ReportDefinition> available, UserContext user, CancellationToken ct)
    {
        var issues = Check(design, available);
        if (issues.Count > 0) return new DesignerOutcome(issues);
        try
        {
            await reports.SaveDashboardDraftAsync(design.ToDefinition(), user, ct);
            return new DesignerOutcome([]);
        }
        catch (ReportException e) { return new DesignerOutcome(e.Errors.Select(x => new DesignIssue(x.Path, $"{x.Path}: {x.En}", $"{x.Path}：{x.Zh}")).ToList()); }
    }

    public async Task<DesignerOutcome> PublishAsync(DashboardDesign design, IReadOnlyList<ReportDefinition> available, UserContext user, CancellationToken ct)
    {
        var saved = await SaveAsync(design, available, user, ct);
        if (!saved.Succeeded) return saved;
        try
        {
            var published = await reports.PublishDashboardAsync(design.App, design.Key, user, ct);
            design.IsPublished = true;
            return new DesignerOutcome([], published.Version);
        }
        catch (ReportException e) { return new DesignerOutcome(e.Errors.Select(x => new DesignIssue(x.Path, $"{x.Path}: {x.En}", $"{x.Path}：{x.Zh}")).ToList()); }
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,62}$")]
    private static partial Regex KeyPattern();
}
