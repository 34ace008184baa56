using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>Shared conversion for text-like fields: trims, checks length and pattern, then lets the type refine.</summary>
public abstract class TextFieldTypeBase : IFieldType
{
    public abstract string Name { get; }
    public abstract string Widget { get; }
    public virtual bool SearchableByDefault => true;
    public SqlValueKind SqlKind(FieldDefinition field) => SqlValueKind.Text;

    public virtual JsonObject Schema(FieldDefinition field)
    {
        var schema = new JsonObject { ["type"] = new JsonArray("string", "null") };
        if (field.MaxLength is { } max) schema["maxLength"] = max;
        if (field.MinLength is { } min) schema["minLength"] = min;
        return schema;
    }

    public virtual IEnumerable<string> CheckDefinition(FieldDefinition field, FormDefinition form)
    {
        if (field.Pattern is { } p && !IsValidRegex(p)) yield return $"Field '{field.Key}': pattern '{p}' is not a valid regular expression.";
        if (field.MinLength > field.MaxLength) yield return $"Field '{field.Key}': minLength is greater than maxLength.";
    }

    public FieldResult Normalize(FieldDefinition field, JsonNode? input, FieldContext context)
    {
        if (input is null) return FieldResult.Of(null);
        if (FieldInput.AsString(input) is not { } raw) return FieldResult.Fail(FieldInput.TypeError(field, "text", "文本"));
        var text = Clean(raw);
        if (text.Length == 0) return FieldResult.Of(null);
        var errors = new List<FieldError>();
        if (field.MinLength is { } min && text.Length < min) errors.Add(FieldErrors.TooShort(field.Key, field.Label.En, field.Label.Zh, min));
        if (field.MaxLength is { } max && text.Length > max) errors.Add(FieldErrors.TooLong(field.Key, field.Label.En, field.Label.Zh, max));
        if (field.Pattern is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100)))
            errors.Add(field.PatternMessage is { } m ? new FieldError(field.Key, "pattern", m.En, m.Zh) : FieldErrors.Pattern(field.Key, field.Label.En, field.Label.Zh));
        if (errors.Count > 0) return FieldResult.Fail(errors);
        return Refine(field, text);
    }

    protected virtual string Clean(string raw) => raw.Trim();

    protected virtual FieldResult Refine(FieldDefinition field, string text) => FieldResult.Of(JsonValue.Create(text));

    private static bool IsValidRegex(string pattern)
    {
        try { _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100)); return true; }
        catch (ArgumentException) { return false; }
    }
}
