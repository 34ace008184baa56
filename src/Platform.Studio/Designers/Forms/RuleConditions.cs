using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Forms.Definitions;

namespace Platform.Studio.Designers.Forms;

/// <summary>The comparisons the no-code rule builder offers.</summary>
public enum ConditionOperator { Equals, NotEquals, Greater, GreaterOrEqual, Less, LessOrEqual, IsEmpty, IsNotEmpty, Contains }

/// <summary>"field operator value" as a business user picks it; becomes a sandbox expression.</summary>
public sealed record RuleCondition(string Field, ConditionOperator Operator, string? Value)
{
    public bool NeedsValue => Operator is not (ConditionOperator.IsEmpty or ConditionOperator.IsNotEmpty);
}

/// <summary>
/// Turns picked conditions into the engine's expression language and back, so rules are edited as
/// "when … then show/hide/require …" and an expression written by hand still opens (as an expression).
/// </summary>
public static partial class RuleConditions
{
    /// <summary>Conditions joined by AND (<paramref name="any"/> false) or OR.</summary>
    public static string Compose(IReadOnlyList<RuleCondition> conditions, FormDefinition form, bool any = false) =>
        string.Join(any ? " || " : " && ", conditions.Select(c => conditions.Count > 1 ? $"({Compose(c, form)})" : Compose(c, form)));

    public static string Compose(RuleCondition condition, FormDefinition form)
    {
        var field = form.Field(condition.Field);
        var f = condition.Field;
        var value = Literal(field, condition.Value);
        return condition.Operator switch
        {
            ConditionOperator.Equals => $"{f} === {value}",
            ConditionOperator.NotEquals => $"{f} !== {value}",
            ConditionOperator.Greater => $"{f} > {value}",
            ConditionOperator.GreaterOrEqual => $"{f} >= {value}",
            ConditionOperator.Less => $"{f} < {value}",
            ConditionOperator.LessOrEqual => $"{f} <= {value}",
            ConditionOperator.IsEmpty => $"ISEMPTY({f})",
            ConditionOperator.IsNotEmpty => $"!ISEMPTY({f})",
            ConditionOperator.Contains => $"({f} || []).indexOf({value}) >= 0",
            _ => throw new ArgumentOutOfRangeException(nameof(condition)),
        };
    }

    /// <summary>Reads an expression the builder wrote back into conditions; null when it was written by hand.</summary>
    public static (IReadOnlyList<RuleCondition> Conditions, bool Any)? Parse(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression)) return null;
        var any = expression.Contains(" || ", StringComparison.Ordinal) && !expression.Contains("|| [])", StringComparison.Ordinal);
        var parts = expression.Split(any ? " || " : " && ", StringSplitOptions.TrimEntries);
        var result = new List<RuleCondition>();
        foreach (var raw in parts)
        {
            var part = parts.Length > 1 && raw.StartsWith('(') && raw.EndsWith(')') ? raw[1..^1] : raw;
            if (ParseOne(part) is not { } condition) return null;
            result.Add(condition);
        }
        return (result, any);
    }

    private static RuleCondition? ParseOne(string part)
    {
        if (EmptyPattern().Match(part) is { Success: true } e)
            return new RuleCondition(e.Groups["f"].Value, e.Groups["not"].Success ? ConditionOperator.IsNotEmpty : ConditionOperator.IsEmpty, null);
        if (ContainsPattern().Match(part) is { Success: true } c)
            return Value(c.Groups["v"].Value) is { } cv ? new RuleCondition(c.Groups["f"].Value, ConditionOperator.Contains, cv) : null;
        if (ComparePattern().Match(part) is not { Success: true } m) return null;
        var op = m.Groups["op"].Value switch
        {
            "===" or "==" => ConditionOperator.Equals,
            "!==" or "!=" => ConditionOperator.NotEquals,
            ">" => ConditionOperator.Greater,
            ">=" => ConditionOperator.GreaterOrEqual,
            "<" => ConditionOperator.Less,
            _ => ConditionOperator.LessOrEqual,
        };
        return Value(m.Groups["v"].Value) is { } v ? new RuleCondition(m.Groups["f"].Value, op, v) : null;
    }

    /// <summary>Replaces a field key used as an identifier (not inside quotes, not as a property of something else).</summary>
    public static string RenameField(string expression, string key, string newKey) =>
        Regex.Replace(expression, $@"(?<![\w.$'""]){Regex.Escape(key)}(?![\w$'""])", newKey);

    private static string Literal(FieldDefinition? field, string? value)
    {
        value ??= "";
        var numeric = field?.Type is "number" or "money" or "percent" || (field?.Type == "formula" && field.Widget is null or "number");
        if (numeric && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) return d.ToString(CultureInfo.InvariantCulture);
        if (field?.Type == "checkbox" && bool.TryParse(value, out var b)) return b ? "true" : "false";
        return "'" + value.Replace("\\", "\\\\").Replace("'", "\\'").Replace("\n", "\\n") + "'";
    }

    private static string? Value(string literal)
    {
        literal = literal.Trim();
        if (literal.Length >= 2 && literal[0] == '\'' && literal[^1] == '\'')
            return Regex.Unescape(literal[1..^1].Replace("\\'", "'"));
        try
        {
            return JsonNode.Parse(literal) switch
            {
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                JsonValue v => v.ToJsonString(),
                _ => null,
            };
        }
        catch (JsonException) { return null; }
    }

    [GeneratedRegex(@"^(?<not>!)?ISEMPTY\((?<f>[a-z][a-z0-9_]*)\)$")]
    private static partial Regex EmptyPattern();

    [GeneratedRegex(@"^\((?<f>[a-z][a-z0-9_]*) \|\| \[\]\)\.indexOf\((?<v>.+)\) >= 0$")]
    private static partial Regex ContainsPattern();

    [GeneratedRegex(@"^(?<f>[a-z][a-z0-9_]*) (?<op>===|!==|==|!=|>=|<=|>|<) (?<v>.+)$")]
    private static partial Regex ComparePattern();
}
