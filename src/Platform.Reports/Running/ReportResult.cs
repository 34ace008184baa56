using System.Text.Json.Nodes;
using Platform.Forms.Definitions;
using Platform.Reports.Compilation;
using Platform.Reports.Definitions;

namespace Platform.Reports.Running;

/// <summary>The data of one report run, already labelled for the viewer's language, plus its chart specification.</summary>
public sealed record ReportResult
{
    public required string App { get; init; }
    public required string Report { get; init; }
    public int Version { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<ResultDimension> Dimensions { get; init; }
    public required IReadOnlyList<ResultMeasure> Measures { get; init; }
    /// <summary>One row per group, sorted; the "others" row of top-N comes last.</summary>
    public required IReadOnlyList<ResultRow> Rows { get; init; }
    /// <summary>Rows where some dimensions are rolled up (<see cref="ResultRow.Grouping"/> tells which).</summary>
    public IReadOnlyList<ResultRow> Subtotals { get; init; } = [];
    public ResultRow? Total { get; init; }
    /// <summary>The grand total of the previous period, when the report compares periods.</summary>
    public ResultRow? PreviousTotal { get; init; }
    public DateRange? Period { get; init; }
    public DateRange? PreviousPeriod { get; init; }
    /// <summary>ECharts option (or table specification) for <see cref="ChartType"/>.</summary>
    public JsonObject? Chart { get; init; }
    public string ChartType { get; init; } = "table";
    /// <summary>True when the data came from the result cache.</summary>
    public bool Cached { get; init; }

    public int MeasureIndex(string key) => Measures.ToList().FindIndex(m => m.Key == key);
}

public sealed record ResultDimension(string Key, string Label, string Kind, DateBucket? Bucket);

public sealed record ResultMeasure(string Key, string Label, ValueFormat Format, int? Precision, bool Hidden);

/// <summary>A group: one cell per dimension and one value per measure (null when there is nothing to compute).</summary>
public sealed record ResultRow(IReadOnlyList<ResultCell> Cells, IReadOnlyList<decimal?> Values)
{
    /// <summary>Bit i is set when dimension i is rolled up (a subtotal across its values).</summary>
    public int Grouping { get; init; }
    public bool IsOthers { get; init; }
    /// <summary>The same group's values in the previous period, when compared.</summary>
    public IReadOnlyList<decimal?>? Previous { get; init; }

    public bool IsRolledUp(int dimension) => (Grouping & (1 << dimension)) != 0;
}

/// <summary>A dimension value: the stored key (option key, id, period start) and the name shown.</summary>
public sealed record ResultCell(string? Key, string Label);

/// <summary>One row as read from the database, before labels and derived measures.</summary>
internal sealed record RawRow(string?[] Keys, string?[] Labels, int Grouping, bool IsOthers, decimal?[] Values);
