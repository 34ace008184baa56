using System.Text.Json.Nodes;
using Platform.Forms.Definitions;

namespace Platform.Studio.Runtime;

/// <summary>Visibility and requiredness of each field for the current values, as the engine will apply them on save.</summary>
public sealed record FieldStates(IReadOnlySet<string> Hidden, IReadOnlySet<string> Required, IReadOnlyList<string> Problems)
{
    public bool IsVisible(string field) => !Hidden.Contains(field);
    public bool IsRequired(string field) => Required.Contains(field) && !Hidden.Contains(field);
}

/// <summary>Evaluates a form's show/hide/require rules live while the user edits, with the engine's own <see cref="FormRules"/>.</summary>
public sealed class FieldRules(FormRules rules)
{
    public FieldStates Evaluate(FormDefinition form, JsonObject data, CancellationToken ct = default)
    {
        var outcome = rules.Evaluate(form, data, ct);
        return new FieldStates(outcome.Hidden, outcome.Required, outcome.Problems.Select(p => p.En).ToList());
    }
}
