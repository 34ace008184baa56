// Temporary: the forms branch's filter model (Platform.Forms.Queries) until it is committed; deleted on merge.
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Platform.Forms.Queries;

public sealed record FilterNode
{
    public string? Field { get; init; }
    public FilterOperator? Op { get; init; }
    public JsonNode? Value { get; init; }
    public IReadOnlyList<FilterNode>? And { get; init; }
    public IReadOnlyList<FilterNode>? Or { get; init; }

    public static FilterNode Where(string field, FilterOperator op, JsonNode? value = null) => new() { Field = field, Op = op, Value = value };
    public static FilterNode All(params FilterNode[] nodes) => new() { And = nodes };
}

[JsonConverter(typeof(JsonStringEnumConverter<FilterOperator>))]
public enum FilterOperator
{
    Eq, Ne, Gt, Gte, Lt, Lte, Between, In, NotIn, Contains, StartsWith, IsEmpty, IsNotEmpty,
    Today, ThisWeek, ThisMonth, ThisQuarter, ThisYear, LastNDays,
    IsMe, IsMyDepartment, IsMyPartner,
}
