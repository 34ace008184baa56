using System.Text.Json.Nodes;
using Platform.Forms.Definitions;
using Platform.Forms.Records;

namespace Platform.Studio.Runtime;

/// <summary>The record form's data before and after a save: defaults, what is sent, and errors by field path.</summary>
public static class RecordDrafts
{
    /// <summary>Constant defaults pre-filled; expression defaults are left to the engine, which evaluates them on create.</summary>
    public static JsonObject WithDefaults(FormDefinition form)
    {
        var data = new JsonObject();
        foreach (var field in form.Fields)
            if (field.Default is not null && field.DefaultExpression is null) data[field.Key] = field.Default.DeepClone();
        return data;
    }

    /// <summary>
    /// Every field the user may edit, empty ones as null so clearing a value is saved; computed, read-only and
    /// rule-hidden fields are left to the engine.
    /// </summary>
    public static JsonObject Payload(FormContext context, JsonObject data, FieldStates states)
    {
        var payload = new JsonObject();
        foreach (var field in context.Form.Fields)
        {
            if (context.IsReadOnly(field) || !context.Access.IsVisible(field.Key) || !states.IsVisible(field.Key)) continue;
            payload[field.Key] = Clean(field, data[field.Key]?.DeepClone());
        }
        return payload;
    }

    public static Dictionary<string, string> Errors(RecordWriteResult result, string culture)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (result is not RecordWriteResult.Invalid invalid) return errors;
        var zh = culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        foreach (var error in invalid.Errors)
        {
            var text = zh ? error.Zh : error.En;
            errors[error.Field] = errors.TryGetValue(error.Field, out var before) ? $"{before} {text}" : text;
        }
        return errors;
    }

    private static JsonNode? Clean(FieldDefinition field, JsonNode? value) => value switch
    {
        JsonObject o when field.Type == "address" && o.All(p => p.Value is null || p.Value.ToString().Length == 0) => null,
        JsonArray lines when field.Type == "subtable" => new JsonArray(lines.Select(line => line is JsonObject l
            ? (JsonNode)new JsonObject(l.Where(p => field.Fields?.FirstOrDefault(f => f.Key == p.Key) is { } sub && FieldControls.IsEditable(sub))
                .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())))
            : null).ToArray()),
        _ => value,
    };
}
