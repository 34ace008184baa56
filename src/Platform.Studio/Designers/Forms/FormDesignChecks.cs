using System.Text.RegularExpressions;
using Platform.Core.Expressions;
using Platform.Forms.Definitions;

namespace Platform.Studio.Designers.Forms;

/// <summary>
/// What the designer checks before the engine does, with messages in both languages that point at the field:
/// keys, labels, options, relation targets, sub-fields, formulas, ranges, rules and role grants. The engine's own
/// check (<see cref="FormDefinitionParser.Check"/>) runs after these and its messages are shown as well.
/// </summary>
public sealed partial class FormDesignChecks(IExpressionSandbox sandbox, FormDefinitionParser parser)
{
    public IReadOnlyList<DesignIssue> Check(FormDefinition form)
    {
        var issues = new List<DesignIssue>();
        if (string.IsNullOrWhiteSpace(form.Name.En) || string.IsNullOrWhiteSpace(form.Name.Zh))
            issues.Add(new(null, "The form needs a name in Chinese and English.", "表单需要中文和英文名称。"));
        if (!FormDefinitionParser.IsValidKey(form.Key))
            issues.Add(new(null, $"The form key '{form.Key}' must start with a lower-case letter and use only a-z, 0-9 and _.", $"表单标识“{form.Key}”须以小写字母开头，只能包含 a-z、0-9 和 _。"));
        if (form.Fields.Count == 0)
            issues.Add(new(null, "Drag at least one field onto the canvas.", "请至少拖入一个字段。"));
        CheckFields(form.Fields, form, issues, null);

        foreach (var (rule, i) in (form.Rules ?? []).Select((r, i) => (r, i + 1)))
        {
            if (rule.Fields.Count == 0)
                issues.Add(new(null, $"Rule {i} does not name any field to {Verb(rule.Kind).En}.", $"规则 {i} 没有选择要{Verb(rule.Kind).Zh}的字段。"));
            if (string.IsNullOrWhiteSpace(rule.When))
                issues.Add(new(null, $"Rule {i} has no condition.", $"规则 {i} 没有条件。"));
            else if (sandbox.CheckSyntax(rule.When) is { } error)
                issues.Add(new(null, $"Rule {i}: the condition is not valid ({error.Message}).", $"规则 {i}：条件无效（{error.Message}）。"));
            else
                foreach (var unknown in UnknownIdentifiers(rule.When, form.Fields))
                    issues.Add(new(null, $"Rule {i} uses '{unknown}', which is not a field of the form.", $"规则 {i} 使用了“{unknown}”，它不是本表单的字段。"));
            if (rule.Kind == RuleKind.Validate && rule.Message is null)
                issues.Add(new(null, $"Rule {i} needs a message for the user.", $"规则 {i} 需要提示信息。"));
        }
        foreach (var grant in form.Permissions ?? [])
        {
            if (string.IsNullOrWhiteSpace(grant.Role))
                issues.Add(new(null, "A permission row has no role.", "有一行权限没有选择角色。"));
            if (grant.Actions.Count == 0)
                issues.Add(new(null, $"Role '{grant.Role}' has no actions; remove the row or tick what it may do.", $"角色“{grant.Role}”没有任何操作权限；请删除该行或勾选操作。"));
        }
        if (form.TitleField is { } title && form.Field(title) is null)
            issues.Add(new(null, $"The title field '{title}' is not on the form.", $"标题字段“{title}”不在表单中。"));

        if (issues.Count == 0)
        {
            try { parser.Check(form); }
            catch (DefinitionException e)
            {
                foreach (var message in e.Errors)
                    issues.Add(new(FieldNamed(message, form), message, "表单引擎拒绝了此定义：" + message));
            }
        }
        return issues;
    }

    private void CheckFields(IReadOnlyList<FieldDefinition> fields, FormDefinition form, List<DesignIssue> issues, FieldDefinition? parent)
    {
        var prefix = parent is null ? "" : parent.Key + ".";
        foreach (var dup in fields.GroupBy(f => f.Key).Where(g => g.Count() > 1))
            issues.Add(new(parent?.Key ?? dup.Key, $"The key '{prefix}{dup.Key}' is used by more than one field.", $"标识“{prefix}{dup.Key}”被多个字段使用。"));
        foreach (var field in fields)
        {
            var at = parent?.Key ?? field.Key;
            var name = prefix + field.Key;
            if (!FormDefinitionParser.IsValidKey(field.Key))
                issues.Add(new(at, $"'{name}': a key starts with a lower-case letter and uses only a-z, 0-9 and _.", $"“{name}”：标识须以小写字母开头，只能包含 a-z、0-9 和 _。"));
            if (string.IsNullOrWhiteSpace(field.Label.En) || string.IsNullOrWhiteSpace(field.Label.Zh))
                issues.Add(new(at, $"'{name}' needs a label in Chinese and English.", $"“{name}”需要中文和英文标签。"));
            switch (field.Type)
            {
                case "select" or "multiselect" when field.Options is not { Count: > 0 }:
                    issues.Add(new(at, $"'{name}' needs at least one option.", $"“{name}”至少需要一个选项。"));
                    break;
                case "select" or "multiselect":
                    foreach (var option in field.Options!.Where(o => !FormDefinitionParser.IsValidKey(o.Key)))
                        issues.Add(new(at, $"'{name}': the option key '{option.Key}' must start with a lower-case letter and use only a-z, 0-9 and _.", $"“{name}”：选项标识“{option.Key}”格式不正确。"));
                    foreach (var dup in field.Options!.GroupBy(o => o.Key).Where(g => g.Count() > 1))
                        issues.Add(new(at, $"'{name}': the option key '{dup.Key}' is used twice.", $"“{name}”：选项标识“{dup.Key}”重复。"));
                    foreach (var option in field.Options!.Where(o => o.Color is { } c && !ColorPattern().IsMatch(c)))
                        issues.Add(new(at, $"'{name}': the colour '{option.Color}' is not a #rrggbb colour.", $"“{name}”：颜色“{option.Color}”不是 #rrggbb 格式。"));
                    break;
                case "relation" when string.IsNullOrWhiteSpace(field.Relation?.Form):
                    issues.Add(new(at, $"'{name}': choose the form it relates to.", $"“{name}”：请选择关联的表单。"));
                    break;
                case "subtable" when field.Fields is not { Count: > 0 }:
                    issues.Add(new(at, $"'{name}': a sub-table needs at least one column.", $"“{name}”：子表至少需要一列。"));
                    break;
                case "subtable":
                    CheckFields(field.Fields!, form, issues, field);
                    break;
                case "formula" when string.IsNullOrWhiteSpace(field.Expression):
                    issues.Add(new(at, $"'{name}': write the formula.", $"“{name}”：请填写公式。"));
                    break;
                case "formula":
                    if (sandbox.CheckSyntax(field.Expression!) is { } error)
                        issues.Add(new(at, $"'{name}': the formula is not valid ({error.Message}).", $"“{name}”：公式无效（{error.Message}）。"));
                    else
                        foreach (var unknown in UnknownIdentifiers(field.Expression!, parent?.Fields ?? form.Fields))
                            issues.Add(new(at, $"'{name}': the formula uses '{unknown}', which is not a field.", $"“{name}”：公式中的“{unknown}”不是字段。"));
                    if (parent is null ? field.Expression!.Contains(field.Key, StringComparison.Ordinal) && UsesIdentifier(field.Expression!, field.Key) : false)
                        issues.Add(new(at, $"'{name}': a formula cannot use its own value.", $"“{name}”：公式不能引用自身。"));
                    break;
                case "autonumber" when field.NumberPattern is not { } p || !SequencePattern().IsMatch(p):
                    issues.Add(new(at, $"'{name}': the number pattern needs a sequence such as {{0000}}.", $"“{name}”：编号规则需要包含序号，例如 {{0000}}。"));
                    break;
            }
            if (field.Min is { } min && field.Max is { } max && min > max)
                issues.Add(new(at, $"'{name}': the minimum is larger than the maximum.", $"“{name}”：最小值大于最大值。"));
            if (field.MinLength is { } minL && field.MaxLength is { } maxL && minL > maxL)
                issues.Add(new(at, $"'{name}': the minimum length is larger than the maximum length.", $"“{name}”：最小长度大于最大长度。"));
            if (field.Pattern is { Length: > 0 } pattern && !IsRegex(pattern))
                issues.Add(new(at, $"'{name}': the pattern is not a valid regular expression.", $"“{name}”：格式校验的正则表达式无效。"));
        }
    }

    /// <summary>Identifiers in an expression that are neither fields, nor the sandbox's functions, nor JavaScript words.</summary>
    public static IEnumerable<string> UnknownIdentifiers(string expression, IEnumerable<FieldDefinition> fields)
    {
        var known = fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var withoutStrings = StringLiteral().Replace(expression, "''");
        foreach (Match m in Parameters().Matches(withoutStrings))
            foreach (var name in m.Groups["p"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) known.Add(name);
        return Identifier().Matches(withoutStrings).Select(m => m.Value)
            .Where(id => !known.Contains(id) && !Builtins.Contains(id)).Distinct();
    }

    private static bool UsesIdentifier(string expression, string key) =>
        Identifier().Matches(StringLiteral().Replace(expression, "''")).Any(m => m.Value == key);

    private static readonly HashSet<string> Builtins = new(StringComparer.Ordinal)
    {
        "SUM", "SUMBY", "ROUND", "IF", "COUNT", "AVG", "MIN", "MAX", "ISEMPTY", "CONCAT", "DAYS", "TODAY", "NOW",
        "Math", "Number", "String", "Boolean", "Date", "JSON", "parseFloat", "parseInt", "isNaN", "true", "false", "null",
        "undefined", "typeof", "new", "return", "function", "var", "let", "const", "in", "of", "instanceof", "NaN", "Infinity",
    };

    private static (string En, string Zh) Verb(RuleKind kind) => kind switch
    {
        RuleKind.Show => ("show", "显示"),
        RuleKind.Hide => ("hide", "隐藏"),
        RuleKind.Require => ("require", "设为必填"),
        _ => ("check", "校验"),
    };

    private static string? FieldNamed(string message, FormDefinition form) =>
        form.Fields.Select(f => f.Key).FirstOrDefault(k => message.Contains($"'{k}'", StringComparison.Ordinal) || message.Contains($"'{k}.", StringComparison.Ordinal));

    private static bool IsRegex(string pattern)
    {
        try { _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100)); return true; }
        catch (ArgumentException) { return false; }
    }

    // Identifiers not preceded by '.', so l.qty inside an arrow function or Math.round only count their head.
    [GeneratedRegex(@"(?<![\w.$])[A-Za-z_$][\w$]*")]
    private static partial Regex Identifier();

    // Parameters of arrow functions and function expressions: l => …, (a, b) => …, function (r) { … }.
    [GeneratedRegex(@"(?:\((?<p>[\w$,\s]*)\)\s*=>)|(?:(?<p>[A-Za-z_$][\w$]*)\s*=>)|(?:function\s*\((?<p>[\w$,\s]*)\))")]
    private static partial Regex Parameters();

    [GeneratedRegex(@"'(?:[^'\\]|\\.)*'|""(?:[^""\\]|\\.)*""|`(?:[^`\\]|\\.)*`")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();

    [GeneratedRegex(@"\{0+\}")]
    private static partial Regex SequencePattern();
}
