using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>
/// A value computed on every write by a sandboxed expression over the other fields (sub-tables arrive as arrays,
/// so <c>SUMBY(lines, 'amount')</c> or <c>SUM(lines.map(l =&gt; l.qty * l.price))</c> work). Numeric unless
/// <c>widget</c> is <c>text</c>, <c>date</c> or <c>checkbox</c>.
/// </summary>
public sealed class FormulaFieldType : IFieldType
{
    public string Name => "formula";
    public string Widget => "readonly";
    public bool IsComputed => true;

    public SqlValueKind SqlKind(FieldDefinition field) => field.Widget switch
    {
        "text" or "date" => SqlValueKind.Text,
        "checkbox" => SqlValueKind.Boolean,
        _ => SqlValueKind.Numeric,
    };

    public JsonObject Schema(FieldDefinition field) => new()
    {
        ["type"] = new JsonArray(SqlKind(field) switch { SqlValueKind.Text => "string", SqlValueKind.Boolean => "boolean", _ => "number" }, "null"),
    };

    public IEnumerable<string> CheckDefinition(FieldDefinition field, FormDefinition form)
    {
        if (string.IsNullOrWhiteSpace(field.Expression)) yield return $"Field '{field.Key}': a formula needs an expression.";
    }

    public FieldResult Normalize(FieldDefinition field, JsonNode? input, FieldContext context) => FieldResult.Of(null);

    /// <summary>Shapes the sandbox result for storage: rounded numbers, text, or null when it is not a finite value.</summary>
    public static JsonNode? Shape(FieldDefinition field, JsonNode? result) => result switch
    {
        JsonValue v when FieldInput.TryDecimal(v, out var d) && field.Widget is not ("text" or "date") =>
            JsonValue.Create(Math.Round(d, field.Precision ?? 2, MidpointRounding.AwayFromZero)),
        JsonValue v when field.Widget is "text" or "date" => JsonValue.Create(FieldInput.AsString(v)),
        JsonValue v when field.Widget is "checkbox" && v.TryGetValue<bool>(out var b) => JsonValue.Create(b),
        _ => null,
    };

    /// <summary>
    /// The formulas among <paramref name="fields"/> in the order the record store computes them on save (formulas
    /// another formula mentions first). Live recalculation in the Studio uses this, so it cannot diverge from save.
    /// </summary>
    public static IReadOnlyList<FieldDefinition> ComputeOrder(IEnumerable<FieldDefinition> fields) =>
        Records.RecordNormalizer.DependencyOrder(fields.Where(f => f.Type == "formula" && f.Expression is not null).ToList());

    public string Format(FieldDefinition field, JsonNode? value, CultureInfo culture) =>
        FieldInput.TryDecimal(value, out var d) && SqlKind(field) == SqlValueKind.Numeric
            ? d.ToString("N" + (field.Precision ?? 2), culture) : FieldInput.AsString(value) ?? "";
}
