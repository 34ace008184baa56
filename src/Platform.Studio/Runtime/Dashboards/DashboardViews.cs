using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Reports.Dashboards;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Studio.Runtime.Dashboards;

/// <summary>
/// Published dashboards of an app, loaded for a viewer (the report runner applies their data scope to every widget),
/// and the drill-down from a chart element to the filtered record list.
/// </summary>
public sealed class DashboardViews(IReportDefinitions definitions, IDashboardLoader loader, IReportRunner runner)
{
    public async Task<IReadOnlyList<DefinitionSummary>> ListAsync(string app, CancellationToken ct) =>
        (await definitions.ListAsync(app, ct)).Where(d => d.Kind == "dashboard" && d.PublishedVersion is not null).ToList();

    public Task<DashboardDefinition?> GetAsync(string app, string key, CancellationToken ct) => definitions.GetDashboardAsync(app, key, null, ct);

    public Task<DashboardResult> LoadAsync(DashboardDefinition dashboard, UserContext user, IReadOnlyDictionary<string, JsonNode?> filters, string culture, CancellationToken ct) =>
        loader.LoadAsync(dashboard, user, filters, culture, ct);

    /// <summary>The record list behind one chart element, or null when the widget or its report is gone or the element has no keys.</summary>
    public async Task<string?> DrillHrefAsync(DashboardDefinition dashboard, string widgetId, UserContext user, IReadOnlyDictionary<string, JsonNode?> filters,
        IReadOnlyList<string?> keys, CancellationToken ct)
    {
        var widget = dashboard.Widgets.FirstOrDefault(w => w.Id == widgetId);
        if (widget is null || keys.Count == 0) return null;
        var report = await definitions.GetReportAsync(dashboard.App, widget.Report, null, ct);
        if (report is null) return null;
        var drill = await runner.DrillAsync(report, user, loader.WidgetParameters(dashboard, widget, filters), keys, 1, ct);
        return ListLinks.Filtered(drill.App, drill.Form, drill.Filter);
    }
}
