using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Reports.Definitions;

namespace Platform.Reports.Dashboards;

/// <summary>Runs every widget of a dashboard for a viewer with the dashboard's filter values bound to the reports' parameters.</summary>
public interface IDashboardLoader
{
    Task<DashboardResult> LoadAsync(DashboardDefinition dashboard, UserContext user, IReadOnlyDictionary<string, JsonNode?>? filters, string? culture, CancellationToken ct);

    /// <summary>The parameter values a widget's report runs with: fixed widget values, then bound dashboard filters.</summary>
    IReadOnlyDictionary<string, JsonNode?> WidgetParameters(DashboardDefinition dashboard, WidgetDefinition widget, IReadOnlyDictionary<string, JsonNode?>? filters);
}
