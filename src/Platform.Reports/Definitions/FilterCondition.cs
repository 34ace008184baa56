using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Platform.Reports.Definitions;

/// <summary>
/// One condition on a field; conditions are combined with AND. The value is either constant
/// (<see cref="Value"/>) or taken from a report parameter (<see cref="Param"/>); a condition whose parameter
/// is empty is skipped so an unset dashboard filter means "everything".
/// </summary>
public sealed record FilterCondition
{
    public required string Field { get; init; }
    public required FilterOperator Op { get; init; }
    public JsonNode? Value { get; init; }
    public string? Param { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<FilterOperator>))]
public enum FilterOperator { Eq, Ne, In, NotIn, Gt, Gte, Lt, Lte, Between, Contains, IsEmpty, IsNotEmpty }
