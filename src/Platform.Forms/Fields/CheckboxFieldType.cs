using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>A yes/no value; spreadsheets may say 是/否, yes/no, 1/0, true/false.</summary>
public sealed class CheckboxFieldType : IFieldType
{
    public string Name => "checkbox";
    public string Widget => "checkbox";
    public SqlValueKind SqlKind(FieldDefinition field) => SqlValueKind.Boolean;
    public bool IsEmpty(JsonNode? value) => value is null;

    public JsonObject Schema(FieldDefinition field) => new() { ["type"] = new JsonArray("boolean", "null") };

    public FieldResult Normalize(FieldDefinition field, JsonNode? input, FieldContext context)
    {
        if (input is null) return FieldResult.Of(null);
        if (input is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return FieldResult.Of(JsonValue.Create(v.GetValue<bool>()));
        return FieldInput.AsString(input)?.Trim().ToLowerInvariant() switch
        {
            "" => FieldResult.Of(null),
            "true" or "yes" or "y" or "1" or "是" or "√" or "✓" => FieldResult.Of(JsonValue.Create(true)),
            "false" or "no" or "n" or "0" or "否" or "×" => FieldResult.Of(JsonValue.Create(false)),
            _ => FieldResult.Fail(FieldInput.TypeError(field, "yes or no", "是或否")),
        };
    }

    public string Format(FieldDefinition field, JsonNode? value, CultureInfo culture) => value?.GetValueKind() switch
    {
        JsonValueKind.True => culture.Name.StartsWith("zh", StringComparison.Ordinal) ? "是" : "Yes",
        JsonValueKind.False => culture.Name.StartsWith("zh", StringComparison.Ordinal) ? "否" : "No",
        _ => "",
    };
}
