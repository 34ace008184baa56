using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Workflow.Definitions;

/// <summary>Evaluates no-code rules (field, operator, value) against record data without running any script.</summary>
public static class FieldRuleEvaluator
{
    public static readonly IReadOnlySet<string> Operators = new HashSet<string> { "eq", "ne", "gt", "ge", "lt", "le", "empty", "notEmpty", "contains", "in" };

    public static bool Evaluate(FieldRule rule, IReadOnlyDictionary<string, JsonNode?> values)
    {
        values.TryGetValue(rule.Field, out var actual);
        var isEmpty = actual is null || (actual is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0) || actual is JsonArray { Count: 0 };
        switch (rule.Operator)
        {
            case "empty": return isEmpty;
            case "notEmpty": return !isEmpty;
            case "contains":
                return actual is JsonArray arr ? arr.Any(a => Text(a) == rule.Value) : Text(actual)?.Contains(rule.Value ?? "", StringComparison.OrdinalIgnoreCase) == true;
            case "in":
                return (rule.Value ?? "").Split(',', StringSplitOptions.TrimEntries).Contains(Text(actual));
        }
        if (isEmpty) return rule.Operator == "ne" && !string.IsNullOrEmpty(rule.Value);
        var cmp = Compare(actual!, rule.Value ?? "");
        return rule.Operator switch
        {
            "eq" => cmp == 0,
            "ne" => cmp != 0,
            "gt" => cmp > 0,
            "ge" => cmp >= 0,
            "lt" => cmp < 0,
            "le" => cmp <= 0,
            _ => false,
        };
    }

    private static int Compare(JsonNode actual, string expected)
    {
        if (actual.GetValueKind() == JsonValueKind.Number && decimal.TryParse(expected, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            return actual.GetValue<decimal>().CompareTo(number);
        if (actual.GetValueKind() is JsonValueKind.True or JsonValueKind.False && bool.TryParse(expected, out var b))
            return actual.GetValue<bool>().CompareTo(b);
        return string.CompareOrdinal(Text(actual), expected);
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
