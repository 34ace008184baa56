using Platform.Forms.Definitions;
using Platform.Forms.Queries;

namespace Platform.Reports.Definitions;

/// <summary>
/// A declarative report over one form: what to group by, what to measure, which rows to keep,
/// how to order and cut the groups, and how to draw the result. Immutable once parsed.
/// </summary>
public sealed record ReportDefinition
{
    public required string App { get; init; }
    public required string Key { get; init; }
    public required LocalizedText Name { get; init; }
    public LocalizedText? Description { get; init; }
    public required ReportSource Source { get; init; }
    public IReadOnlyList<DimensionDefinition> Dimensions { get; init; } = [];
    public required IReadOnlyList<MeasureDefinition> Measures { get; init; }
    /// <summary>Rows kept, in the list views' filter model (and/or tree of conditions); paths may cross relations and lines.</summary>
    public FilterNode? Filter { get; init; }
    public IReadOnlyList<ParameterDefinition> Parameters { get; init; } = [];
    public IReadOnlyList<SortDefinition> Sort { get; init; } = [];
    public TopN? Top { get; init; }
    /// <summary>Adds a grand-total row.</summary>
    public bool Totals { get; init; }
    /// <summary>Adds a subtotal row per value of each leading dimension (pivot tables).</summary>
    public bool Subtotals { get; init; }
    /// <summary>More groups than this refuse the run rather than send a huge result.</summary>
    public int MaxGroups { get; init; } = ReportLimits.DefaultMaxGroups;
    public required ChartDefinition Chart { get; init; }

    /// <summary>Published version this definition came from; 0 for a draft.</summary>
    public int Version { get; init; }

    public MeasureDefinition? Measure(string key) => Measures.FirstOrDefault(m => m.Key == key);
    public ParameterDefinition? Parameter(string key) => Parameters.FirstOrDefault(p => p.Key == key);
}

/// <summary>The form whose records are aggregated; <see cref="Lines"/> unnests a sub-table so each line is a row.</summary>
public sealed record ReportSource(string Form, string? Lines = null);

/// <summary>Hard limits that keep a report from overwhelming the database or the browser.</summary>
public static class ReportLimits
{
    public const int DefaultMaxGroups = 1000;
    public const int MaxGroupsCeiling = 10_000;
    public const int MaxDimensions = 3;
    public const int MaxMeasures = 20;
    public const int MaxTop = 1000;
}
