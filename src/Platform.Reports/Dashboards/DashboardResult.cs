using System.Text.Json.Nodes;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Dashboards;

/// <summary>A loaded dashboard: each widget with its position and either its result or the error that stopped it.</summary>
public sealed record DashboardResult(
    string App,
    string Key,
    int Version,
    string Name,
    int Columns,
    int? RefreshSeconds,
    IReadOnlyList<DashboardFilterState> Filters,
    IReadOnlyList<WidgetResult> Widgets);

public sealed record DashboardFilterState(string Key, string Label, ParameterType Type, JsonNode? Value);

public sealed record WidgetResult(string Id, string Report, string Title, int X, int Y, int W, int H, ReportResult? Result, IReadOnlyList<ReportError>? Errors);
