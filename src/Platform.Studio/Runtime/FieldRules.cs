using System.Text.Json.Nodes;
using Platform.Core.Expressions;
using Platform.Forms.Definitions;

namespace Platform.Studio.Runtime;

/// <summary>Visibility and requiredness of each field for the current values, as the engine will apply them on save.</summary>
public sealed record FieldStates(IReadOnlySet<string> Hidden, IReadOnlySet<string> Required, IReadOnlyList<string> Problems)
{
    public bool IsVisible(string field) => !Hidden.Contains(field);
    public bool IsRequired(string field) => Required.Contains(field) && !Hidden.Contains(field);
}

/// <summary>Evaluates a form's show/hide/require rules live, through the sandbox, while the user edits.</summary>
public sealed class FieldRules(IExpressionSandbox sandbox)
{
    public FieldStates Evaluate(FormDefinition form, JsonObject data, CancellationToken ct = default)
    {
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        var required = form.Fields.Where(f => f.Required).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        if (form.Rules is not { Count: > 0 }) return new FieldStates(hidden, required, problems);

        // Every field is a variable (null when empty) so a rule never fails just because a field was left blank.
        var variables = form.Fields.ToDictionary(f => f.Key, f => data[f.Key]?.DeepClone(), StringComparer.Ordinal);
        foreach (var rule in form.Rules)
        {
            bool holds;
            try { holds = sandbox.EvaluateCondition(rule.When, variables, ct); }
            catch (ExpressionException e) { problems.Add(e.Message); continue; }
            switch (rule.Kind)
            {
                case RuleKind.Show when !holds:
                case RuleKind.Hide when holds:
                    hidden.UnionWith(rule.Fields);
                    break;
                case RuleKind.Require when holds:
                    required.UnionWith(rule.Fields);
                    break;
            }
        }
        return new FieldStates(hidden, required, problems);
    }
}
