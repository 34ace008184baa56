using Platform.Forms.Definitions;

namespace Platform.Reports.Definitions;

/// <summary>How the result is drawn; <see cref="Type"/> names a chart type in the registry.</summary>
public sealed record ChartDefinition
{
    public required string Type { get; init; }
    public LocalizedText? Title { get; init; }
    /// <summary>Measures drawn on the right-hand axis (combo), or as lines in a combo.</summary>
    public IReadOnlyList<string>? SecondaryMeasures { get; init; }
    /// <summary>Gauge maximum, KPI target.</summary>
    public decimal? Target { get; init; }
    /// <summary>Show values on the elements.</summary>
    public bool Labels { get; init; }
    /// <summary>Area and line: smooth curves.</summary>
    public bool Smooth { get; init; }
    /// <summary>Pivot: how many leading dimensions form the rows; the rest form the columns.</summary>
    public int? RowDimensions { get; init; }
    /// <summary>China map: the map name the Studio registered the geometry under.</summary>
    public string? Map { get; init; }
    /// <summary>Series colours (#rrggbb) in order; the Studio passes them to ECharts as its palette.</summary>
    public IReadOnlyList<string>? Colors { get; init; }
}
