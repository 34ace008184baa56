using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>Repeating detail lines, each an object with its own typed sub-fields (order lines, contacts).</summary>
public sealed class SubtableFieldType(IServiceProvider services) : IFieldType
{
    private FieldTypeRegistry Registry => services.GetRequiredService<FieldTypeRegistry>();

    public string Name => "subtable";
    public string Widget => "subtable";
    public SqlValueKind SqlKind(FieldDefinition field) => SqlValueKind.None;
    public string SqlTextPath(FieldDefinition field) => $"->'{field.Key}'";

    public IEnumerable<string> CheckDefinition(FieldDefinition field, FormDefinition form)
    {
        if (field.Fields is not { Count: > 0 } subFields) { yield return $"Field '{field.Key}': a subtable needs sub-fields in \"fields\"."; yield break; }
        foreach (var sub in subFields)
        {
            if (!Registry.TryGet(sub.Type, out var type)) yield return $"Field '{field.Key}.{sub.Key}': unknown type '{sub.Type}'.";
            else if (type is SubtableFieldType or AutoNumberFieldType) yield return $"Field '{field.Key}.{sub.Key}': type '{sub.Type}' cannot be used inside a subtable.";
            else foreach (var e in type.CheckDefinition(sub, form)) yield return $"Subtable '{field.Key}': {e}";
        }
    }

    public JsonObject Schema(FieldDefinition field)
    {
        var properties = new JsonObject();
        foreach (var sub in field.Fields ?? []) properties[sub.Key] = Registry.Get(sub.Type).Schema(sub);
        return new() { ["type"] = new JsonArray("array", "null"), ["items"] = new JsonObject { ["type"] = "object", ["properties"] = properties } };
    }

    public FieldResult Normalize(FieldDefinition field, JsonNode? input, FieldContext context)
    {
        if (input is null) return FieldResult.Of(null);
        if (input is not JsonArray rows) return FieldResult.Fail(FieldInput.TypeError(field, "a list of lines", "明细行列表"));
        var errors = new List<FieldError>();
        var result = new JsonArray();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not JsonObject row) { errors.Add(FieldInput.TypeError(field, "a list of lines", "明细行列表") with { Field = $"{field.Key}[{i}]" }); continue; }
            var line = new JsonObject();
            foreach (var sub in field.Fields ?? [])
            {
                var type = Registry.Get(sub.Type);
                if (type.IsComputed) continue;
                var converted = type.Normalize(sub, row[sub.Key]?.DeepClone(), context);
                if (!converted.Ok) { errors.AddRange(converted.Errors.Select(e => e with { Field = $"{field.Key}[{i}].{e.Field}" })); continue; }
                if (sub.Required && type.IsEmpty(converted.Value))
                    errors.Add(FieldErrors.Required($"{field.Key}[{i}].{sub.Key}", sub.Label.En, sub.Label.Zh));
                line[sub.Key] = converted.Value;
            }
            foreach (var unknown in row.Select(p => p.Key).Where(k => field.Fields?.All(s => s.Key != k) ?? true))
                errors.Add(FieldErrors.Unknown($"{field.Key}[{i}].{unknown}"));
            result.Add(line);
        }
        return errors.Count > 0 ? FieldResult.Fail(errors) : FieldResult.Of(result.Count == 0 ? null : result);
    }
}
