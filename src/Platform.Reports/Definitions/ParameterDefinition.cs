using Platform.Forms.Definitions;
using System.Text.Json.Nodes;
using Platform.Forms.Queries;
using System.Text.Json.Serialization;

namespace Platform.Reports.Definitions;

/// <summary>
/// A value chosen when the report runs (a date range, a region …). It filters <see cref="Field"/>;
/// dashboards bind their filters to it. A date range marked <see cref="Period"/> defines the "previous period"
/// for change measures and KPI comparisons.
/// </summary>
public sealed record ParameterDefinition
{
    public required string Key { get; init; }
    public LocalizedText? Label { get; init; }
    public required ParameterType Type { get; init; }
    /// <summary>The field the value filters; a parameter without a value keeps every row.</summary>
    public required string Field { get; init; }
    /// <summary>How the value is compared; by default between for date ranges, in for lists, eq otherwise.</summary>
    public FilterOperator? Op { get; init; }
    /// <summary>Constant default; for date ranges also a relative name such as <c>thisQuarter</c>.</summary>
    public JsonNode? Default { get; init; }
    public bool Required { get; init; }
    public bool Period { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<ParameterType>))]
public enum ParameterType { DateRange, Text, Number, Select, MultiSelect, Member, Department, Partner }
