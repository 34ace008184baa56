using Platform.Forms.Definitions;
using System.Text.Json.Nodes;

namespace Platform.Reports.Definitions;

/// <summary>A grid of report widgets with dashboard-wide filters bound to the reports' parameters.</summary>
public sealed record DashboardDefinition
{
    public required string App { get; init; }
    public required string Key { get; init; }
    public required LocalizedText Name { get; init; }
    public LocalizedText? Description { get; init; }
    /// <summary>Grid width in columns; widgets are placed with x/y/w/h on it.</summary>
    public int Columns { get; init; } = 12;
    public IReadOnlyList<DashboardFilter> Filters { get; init; } = [];
    public required IReadOnlyList<WidgetDefinition> Widgets { get; init; }
    /// <summary>How often the Studio reloads the dashboard; null or 0 means never.</summary>
    public int? RefreshSeconds { get; init; }
    public int Version { get; init; }
}

/// <summary>A filter shown above the dashboard; its value goes to every widget parameter bound to it.</summary>
public sealed record DashboardFilter
{
    public required string Key { get; init; }
    public LocalizedText? Label { get; init; }
    public required ParameterType Type { get; init; }
    public JsonNode? Default { get; init; }
}

/// <summary>One report on the grid. <see cref="Bindings"/> maps the report's parameter keys to dashboard filter keys.</summary>
public sealed record WidgetDefinition
{
    public required string Id { get; init; }
    public required string Report { get; init; }
    public LocalizedText? Title { get; init; }
    public required int X { get; init; }
    public required int Y { get; init; }
    public required int W { get; init; }
    public required int H { get; init; }
    public IReadOnlyDictionary<string, string>? Bindings { get; init; }
    /// <summary>Fixed parameter values for this widget (for example a KPI card of this week only).</summary>
    public IReadOnlyDictionary<string, JsonNode?>? Parameters { get; init; }
    /// <summary>Overrides the report's chart type (a table view of a chart report).</summary>
    public string? Chart { get; init; }
}
