using System.Text.Json.Nodes;
using Platform.Core.Expressions;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;

namespace Platform.Studio.Runtime;

/// <summary>
/// Recomputes formula fields (and sub-table line formulas) while the user types, through the same sandbox and the
/// same result shaping (<see cref="FormulaFieldType.Shape"/>) the record store uses on save, so the value shown is
/// the value stored, in the engine's own order (<see cref="FormulaFieldType.ComputeOrder"/>). A formula that cannot be computed yet (a field still empty) is left blank, not reported.
/// </summary>
public sealed class LiveFormulas(IExpressionSandbox sandbox)
{
    public void Apply(FormDefinition form, JsonObject data, CancellationToken ct = default)
    {
        foreach (var table in form.Fields.Where(f => f.Type == "subtable" && f.Fields is { Count: > 0 }))
        {
            var lineFormulas = FormulaFieldType.ComputeOrder(table.Fields!);
            if (lineFormulas.Count == 0 || data[table.Key] is not JsonArray rows) continue;
            foreach (var line in rows.OfType<JsonObject>())
                foreach (var formula in lineFormulas) line[formula.Key] = Compute(formula, line, ct);
        }
        foreach (var formula in FormulaFieldType.ComputeOrder(form.Fields)) data[formula.Key] = Compute(formula, data, ct);
    }

    private JsonNode? Compute(FieldDefinition formula, JsonObject values, CancellationToken ct)
    {
        var variables = values.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
        try
        {
            return FormulaFieldType.Shape(formula, sandbox.Evaluate(formula.Expression!, variables, ct));
        }
        catch (ExpressionException)
        {
            return null;
        }
    }
}
