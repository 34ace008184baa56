using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Platform.Core.Expressions;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;

namespace Platform.Studio.Runtime;

/// <summary>
/// Recomputes formula fields (and sub-table line formulas) while the user types, through the same sandbox and the
/// same result shaping (<see cref="FormulaFieldType.Shape"/>) the record store uses on save, so the value shown is
/// the value stored. A formula that cannot be computed yet (a field still empty) is left blank, not reported.
/// </summary>
public sealed class LiveFormulas(IExpressionSandbox sandbox)
{
    public void Apply(FormDefinition form, JsonObject data, CancellationToken ct = default)
    {
        foreach (var table in form.Fields.Where(f => f.Type == "subtable" && f.Fields is { Count: > 0 }))
        {
            var lineFormulas = Ordered(table.Fields!);
            if (lineFormulas.Count == 0 || data[table.Key] is not JsonArray rows) continue;
            foreach (var line in rows.OfType<JsonObject>())
                foreach (var formula in lineFormulas) line[formula.Key] = Compute(formula, line, ct);
        }
        foreach (var formula in Ordered(form.Fields)) data[formula.Key] = Compute(formula, data, ct);
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

    /// <summary>Formulas another formula mentions come first, as on save.</summary>
    internal static IReadOnlyList<FieldDefinition> Ordered(IReadOnlyList<FieldDefinition> fields)
    {
        var formulas = fields.Where(f => f.Type == "formula" && !string.IsNullOrWhiteSpace(f.Expression)).ToList();
        var ordered = new List<FieldDefinition>();
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        void Visit(FieldDefinition f)
        {
            if (ordered.Contains(f) || !visiting.Add(f.Key)) return;
            foreach (var dependency in formulas.Where(o => o != f && Regex.IsMatch(f.Expression!, $@"\b{Regex.Escape(o.Key)}\b")))
                Visit(dependency);
            ordered.Add(f);
        }
        foreach (var f in formulas) Visit(f);
        return ordered;
    }
}
