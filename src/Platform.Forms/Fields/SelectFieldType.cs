using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>One option key; input may name the option by key or by its label in either language.</summary>
public sealed class SelectFieldType : IFieldType
{
    public string Name => "select";
    public string Widget => "select";
    public SqlValueKind SqlKind(FieldDefinition field) => SqlValueKind.Text;

    public IEnumerable<string> CheckDefinition(FieldDefinition field, FormDefinition form) => Options.Check(field);

    public JsonObject Schema(FieldDefinition field) => new()
    {
        ["type"] = new JsonArray("string", "null"),
        ["enum"] = new JsonArray([.. (field.Options ?? []).Select(o => (JsonNode)JsonValue.Create(o.Key)), null]),
    };

    public FieldResult Normalize(FieldDefinition field, JsonNode? input, FieldContext context)
    {
        if (FieldInput.IsBlank(input)) return FieldResult.Of(null);
        var text = FieldInput.AsString(input);
        return text is not null && Options.Find(field, text) is { } option
            ? FieldResult.Of(JsonValue.Create(option.Key))
            : FieldResult.Fail(FieldErrors.UnknownOption(field.Key, field.Label.En, field.Label.Zh, text ?? input!.ToJsonString()));
    }

    public string Format(FieldDefinition field, JsonNode? value, CultureInfo culture) =>
        FieldInput.AsString(value) is { } key ? Options.Label(field, key, culture) : "";
}

/// <summary>Option lookups shared by single and multi select.</summary>
internal static class Options
{
    public static OptionDefinition? Find(FieldDefinition field, string text)
    {
        var t = text.Trim();
        var options = field.Options ?? [];
        return options.FirstOrDefault(o => o.Key == t)
            ?? options.FirstOrDefault(o => string.Equals(o.Label.En, t, StringComparison.OrdinalIgnoreCase) || o.Label.Zh == t);
    }

    public static string Label(FieldDefinition field, string key, CultureInfo culture) =>
        field.Options?.FirstOrDefault(o => o.Key == key)?.Label.For(culture.Name) ?? key;

    public static IEnumerable<string> Check(FieldDefinition field)
    {
        if (field.Options is not { Count: > 0 } options) { yield return $"Field '{field.Key}': a select needs at least one option."; yield break; }
        foreach (var dup in options.GroupBy(o => o.Key).Where(g => g.Count() > 1))
            yield return $"Field '{field.Key}': option key '{dup.Key}' appears more than once.";
        foreach (var o in options.Where(o => string.IsNullOrWhiteSpace(o.Key)))
            yield return $"Field '{field.Key}': option '{o.Label.En}' has no key.";
    }
}
