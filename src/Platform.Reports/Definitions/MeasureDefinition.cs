using Platform.Forms.Definitions;
using Platform.Forms.Queries;
using System.Text.Json.Serialization;

namespace Platform.Reports.Definitions;

/// <summary>
/// A value per group. Aggregates read a field (or count rows); derived measures combine other measures:
/// ratio (numerator / denominator), formula (a sandboxed expression over measure keys),
/// share (of the grand total) and change (against the previous period of the report's period parameter).
/// </summary>
public sealed record MeasureDefinition
{
    public required string Key { get; init; }
    public LocalizedText? Label { get; init; }
    public required Aggregate Aggregate { get; init; }
    /// <summary>Field read by count-distinct, sum, avg, min and max; optional for count (counts non-empty values).</summary>
    public string? Field { get; init; }
    /// <summary>
    /// Rows this aggregate counts, in the report filters' model, on top of the report's filter and parameters:
    /// <c>sum(amount) where stage = won</c> next to <c>count(*)</c> of all rows. Compiled to <c>agg(...) FILTER (WHERE ...)</c>.
    /// </summary>
    public FilterNode? Filter { get; init; }
    public string? Numerator { get; init; }
    public string? Denominator { get; init; }
    /// <summary>The measure that share and change are computed from.</summary>
    public string? Of { get; init; }
    /// <summary>Formula over other measures' keys, e.g. <c>won / (won + lost)</c>.</summary>
    public string? Expression { get; init; }
    public ValueFormat Format { get; init; } = ValueFormat.Number;
    public int? Precision { get; init; }
    /// <summary>Computed as input for other measures but not shown.</summary>
    public bool Hidden { get; init; }

    [JsonIgnore]
    public bool IsDerived => Aggregate is Aggregate.Ratio or Aggregate.Formula or Aggregate.Share or Aggregate.Change;
}

[JsonConverter(typeof(JsonStringEnumConverter<Aggregate>))]
public enum Aggregate { Count, DistinctCount, Sum, Avg, Min, Max, Ratio, Formula, Share, Change }

[JsonConverter(typeof(JsonStringEnumConverter<ValueFormat>))]
public enum ValueFormat { Number, Integer, Money, Percent }
