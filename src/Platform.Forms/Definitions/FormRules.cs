using System.Text.Json.Nodes;
using Platform.Core.Expressions;
using Platform.Forms.Fields;

namespace Platform.Forms.Definitions;

/// <summary>What a form's rules say for the current values.</summary>
/// <param name="Hidden">Fields hidden by show/hide rules (a hidden field is not required).</param>
/// <param name="Required">Fields required by the definition or by a require rule that holds.</param>
/// <param name="Violations">Validate rules that do not hold, one error per field they name.</param>
/// <param name="Problems">Rules whose condition could not be evaluated.</param>
public sealed record RuleOutcome(
    IReadOnlySet<string> Hidden, IReadOnlySet<string> Required, IReadOnlyList<FieldError> Violations, IReadOnlyList<FieldError> Problems);

/// <summary>
/// Evaluates show/hide/require/validate rules through the sandbox. The record store applies it on every write and
/// the Studio applies it live while the user edits, so both always agree.
/// </summary>
public sealed class FormRules(IExpressionSandbox sandbox)
{
    public RuleOutcome Evaluate(FormDefinition form, JsonObject data, CancellationToken ct = default)
    {
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        var required = form.Fields.Where(f => f.Required).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        List<FieldError> violations = [], problems = [];
        if (form.Rules is not { Count: > 0 }) return new RuleOutcome(hidden, required, violations, problems);

        var variables = Variables(form, data);
        foreach (var rule in form.Rules)
        {
            bool holds;
            try { holds = sandbox.EvaluateCondition(rule.When, variables, ct); }
            catch (ExpressionException e) { problems.Add(new FieldError(rule.Fields.FirstOrDefault() ?? "", "rule", e.Message, e.MessageZh)); continue; }
            switch (rule.Kind)
            {
                case RuleKind.Show when !holds:
                case RuleKind.Hide when holds:
                    hidden.UnionWith(rule.Fields);
                    break;
                case RuleKind.Require when holds:
                    required.UnionWith(rule.Fields);
                    break;
                case RuleKind.Validate when !holds:
                    foreach (var key in rule.Fields)
                        violations.Add(new FieldError(key, "rule", rule.Message?.En ?? $"Rule '{rule.When}' is not met.", rule.Message?.Zh ?? $"不满足规则“{rule.When}”。"));
                    break;
            }
        }
        return new RuleOutcome(hidden, required, violations, problems);
    }

    /// <summary>Every field of the form is a variable (null when empty), so a rule never fails because a field was left blank.</summary>
    private static Dictionary<string, JsonNode?> Variables(FormDefinition form, JsonObject data)
    {
        var variables = data.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
        foreach (var field in form.Fields) variables.TryAdd(field.Key, null);
        return variables;
    }
}
