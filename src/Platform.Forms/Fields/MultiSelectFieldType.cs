using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>An array of distinct option keys, in option order.</summary>
public sealed class MultiSelectFieldType : IFieldType
{
    public string Name => "multiselect";
    public string Widget => "multiselect";
    public SqlValueKind SqlKind(FieldDefinition field) => SqlValueKind.Array;
    public string SqlTextPath(FieldDefinition field) => $"->'{field.Key}'";

    public IEnumerable<string> CheckDefinition(FieldDefinition field, FormDefinition form) => Options.Check(field);

    public JsonObject Schema(FieldDefinition field) => new()
    {
        ["type"] = new JsonArray("array", "null"),
        ["items"] = new JsonObject { ["enum"] = new JsonArray([.. (field.Options ?? []).Select(o => (JsonNode)JsonValue.Create(o.Key))]) },
    };

    public FieldResult Normalize(FieldDefinition field, JsonNode? input, FieldContext context)
    {
        var keys = new HashSet<string>();
        foreach (var item in FieldInput.AsList(input))
        {
            var text = FieldInput.AsString(item);
            if (text is null || Options.Find(field, text) is not { } option)
                return FieldResult.Fail(FieldErrors.UnknownOption(field.Key, field.Label.En, field.Label.Zh, text ?? item?.ToJsonString() ?? "null"));
            keys.Add(option.Key);
        }
        if (keys.Count == 0) return FieldResult.Of(null);
        var ordered = (field.Options ?? []).Where(o => keys.Contains(o.Key)).Select(o => (JsonNode)JsonValue.Create(o.Key));
        return FieldResult.Of(new JsonArray([.. ordered]));
    }

    public string Format(FieldDefinition field, JsonNode? value, CultureInfo culture) =>
        value is JsonArray a ? string.Join(", ", a.Select(k => Options.Label(field, k?.GetValue<string>() ?? "", culture))) : "";
}
