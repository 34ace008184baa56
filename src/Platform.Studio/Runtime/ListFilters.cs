using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Forms.Definitions;
using Platform.Forms.Queries;

namespace Platform.Studio.Runtime;

/// <summary>One simple condition the user set on the list page: a field, an operator and (for most operators) a value.</summary>
public sealed record ListCondition(string Field, FilterOperator Op, string? Value);

/// <summary>The operators offered per field type and the translation of list conditions into the engine's filter model.</summary>
public static class ListFilters
{
    private static readonly FilterOperator[] Empty = [FilterOperator.IsEmpty, FilterOperator.IsNotEmpty];

    public static IReadOnlyList<FilterOperator> OperatorsFor(FieldDefinition field) => field.Type switch
    {
        "number" or "money" or "percent" or "formula" =>
            [FilterOperator.Eq, FilterOperator.Ne, FilterOperator.Gt, FilterOperator.Gte, FilterOperator.Lt, FilterOperator.Lte, .. Empty],
        "date" or "datetime" =>
            [FilterOperator.Eq, FilterOperator.Gte, FilterOperator.Lte, FilterOperator.Today, FilterOperator.ThisWeek, FilterOperator.ThisMonth,
             FilterOperator.ThisQuarter, FilterOperator.ThisYear, FilterOperator.LastNDays, .. Empty],
        "select" => [FilterOperator.Eq, FilterOperator.Ne, .. Empty],
        "multiselect" => [FilterOperator.Contains, .. Empty],
        "checkbox" => [FilterOperator.Eq],
        "member" => [FilterOperator.IsMe, .. Empty],
        "department" => [FilterOperator.IsMyDepartment, .. Empty],
        "partner" => [FilterOperator.IsMyPartner, .. Empty],
        "relation" or "subtable" or "attachment" or "image" or "address" => Empty,
        _ => [FilterOperator.Contains, FilterOperator.Eq, FilterOperator.StartsWith, FilterOperator.Ne, .. Empty],
    };

    public static bool NeedsValue(FilterOperator op) => op is not (FilterOperator.IsEmpty or FilterOperator.IsNotEmpty or FilterOperator.Today
        or FilterOperator.ThisWeek or FilterOperator.ThisMonth or FilterOperator.ThisQuarter or FilterOperator.ThisYear
        or FilterOperator.IsMe or FilterOperator.IsMyDepartment or FilterOperator.IsMyPartner);

    /// <summary>All conditions combined with AND; null when there are none. Values are typed by the field so the engine compares correctly.</summary>
    public static FilterNode? Build(FormDefinition form, IEnumerable<ListCondition> conditions)
    {
        var nodes = new List<FilterNode>();
        foreach (var c in conditions)
        {
            var field = form.Field(c.Field) ?? throw new ArgumentException($"Unknown field '{c.Field}'.");
            if (!NeedsValue(c.Op)) { nodes.Add(FilterNode.Where(c.Field, c.Op)); continue; }
            if (string.IsNullOrWhiteSpace(c.Value)) continue;
            nodes.Add(FilterNode.Where(c.Field, c.Op, ValueFor(field, c.Op, c.Value.Trim())));
        }
        return nodes.Count switch { 0 => null, 1 => nodes[0], _ => FilterNode.All([.. nodes]) };
    }

    private static JsonNode? ValueFor(FieldDefinition field, FilterOperator op, string value)
    {
        if (op == FilterOperator.LastNDays) return int.TryParse(value, out var days) ? JsonValue.Create(days) : JsonValue.Create(value);
        return field.Type switch
        {
            "number" or "money" or "percent" or "formula" when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            "checkbox" => JsonValue.Create(value is "true" or "1" or "是"),
            _ => JsonValue.Create(value),
        };
    }
}
