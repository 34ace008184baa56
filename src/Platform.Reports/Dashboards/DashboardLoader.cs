using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Dashboards;

/// <summary>
/// Loads widgets one after another on the shared connection pool (a 2-core server gains nothing from running a
/// dozen aggregations at once); repeated loads are served by the result cache until the records change.
/// A widget that fails (a field hidden from this viewer, a missing report) carries its error; the rest still load.
/// </summary>
internal sealed class DashboardLoader(IReportDefinitions definitions, IReportRunner runner) : IDashboardLoader
{
    public async Task<DashboardResult> LoadAsync(DashboardDefinition dashboard, UserContext user, IReadOnlyDictionary<string, JsonNode?>? filters,
        string? culture, CancellationToken ct)
    {
        var unknown = (filters?.Keys ?? []).Where(k => dashboard.Filters.All(f => f.Key != k)).ToList();
        if (unknown.Count > 0)
            throw new ReportException(unknown.Select(k => new ReportError($"filters.{k}", $"The dashboard has no filter '{k}'.", $"仪表盘没有筛选器“{k}”。")).ToList());

        var widgets = new List<WidgetResult>();
        foreach (var w in dashboard.Widgets.OrderBy(w => w.Y).ThenBy(w => w.X))
        {
            ReportResult? result = null;
            IReadOnlyList<ReportError>? errors = null;
            var report = await definitions.GetReportAsync(dashboard.App, w.Report, null, ct);
            if (report is null)
                errors = [new($"widgets.{w.Id}", $"The report '{w.Report}' is not published.", $"报表“{w.Report}”尚未发布。")];
            else
            {
                try
                {
                    result = await runner.RunAsync(report, user, WidgetParameters(dashboard, w, filters), new RunOptions(culture, true, w.Chart), ct);
                }
                catch (ReportException e)
                {
                    errors = e.Errors;
                }
            }
            var title = w.Title?.For(culture) ?? result?.Name ?? report?.Name.For(culture) ?? w.Report;
            widgets.Add(new WidgetResult(w.Id, w.Report, title, w.X, w.Y, w.W, w.H, result, errors));
        }
        return new DashboardResult(dashboard.App, dashboard.Key, dashboard.Version, dashboard.Name.For(culture), dashboard.Columns, dashboard.RefreshSeconds,
            dashboard.Filters.Select(f => new DashboardFilterState(f.Key, f.Label?.For(culture) ?? f.Key, f.Type, Value(f, filters))).ToList(), widgets);
    }

    public IReadOnlyDictionary<string, JsonNode?> WidgetParameters(DashboardDefinition dashboard, WidgetDefinition widget, IReadOnlyDictionary<string, JsonNode?>? filters)
    {
        var values = new Dictionary<string, JsonNode?>();
        foreach (var (k, v) in widget.Parameters ?? new Dictionary<string, JsonNode?>()) values[k] = v?.DeepClone();
        foreach (var (param, filterKey) in widget.Bindings ?? new Dictionary<string, string>())
        {
            var filter = dashboard.Filters.FirstOrDefault(f => f.Key == filterKey);
            if (filter is not null && Value(filter, filters) is { } value) values[param] = value.DeepClone();
        }
        return values;
    }

    private static JsonNode? Value(DashboardFilter filter, IReadOnlyDictionary<string, JsonNode?>? given) =>
        given is not null && given.TryGetValue(filter.Key, out var v) ? v : filter.Default;
}
