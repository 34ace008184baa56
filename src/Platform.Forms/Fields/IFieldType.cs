using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>
/// One kind of field: how its definition is checked, how input is converted and validated,
/// what its JSON Schema fragment and SQL expression are, and how it is shown to people.
/// </summary>
public interface IFieldType
{
    string Name { get; }

    /// <summary>Default widget the Studio renders.</summary>
    string Widget { get; }

    /// <summary>Computed by the platform (formula, auto-number); input for it is ignored.</summary>
    bool IsComputed => false;

    /// <summary>Part of keyword search unless the field says otherwise.</summary>
    bool SearchableByDefault => false;

    SqlValueKind SqlKind(FieldDefinition field);

    /// <summary>JSON path accessor appended to <c>data</c> that yields the value as text, e.g. <c>-&gt;&gt;'key'</c>.</summary>
    string SqlTextPath(FieldDefinition field) => $"->>'{field.Key}'";

    /// <summary>JSON path accessor of the text keyword search looks at.</summary>
    string SearchTextPath(FieldDefinition field) => SqlTextPath(field);

    IEnumerable<string> CheckDefinition(FieldDefinition field, FormDefinition form) => [];

    JsonObject Schema(FieldDefinition field);

    /// <summary>Converts user input to the stored encoding, or explains why it cannot.</summary>
    FieldResult Normalize(FieldDefinition field, JsonNode? input, FieldContext context);

    /// <summary>Converts a spreadsheet cell to a JSON input for <see cref="Normalize"/>.</summary>
    JsonNode? FromText(FieldDefinition field, string text) => JsonValue.Create(text);

    string Format(FieldDefinition field, JsonNode? value, CultureInfo culture) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };

    bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonValue v when v.TryGetValue<string>(out var s) => string.IsNullOrWhiteSpace(s),
        JsonArray a => a.Count == 0,
        _ => false,
    };
}

/// <summary>A converted value or the errors that prevented it.</summary>
public readonly record struct FieldResult(JsonNode? Value, IReadOnlyList<FieldError> Errors)
{
    public bool Ok => Errors.Count == 0;
    public static FieldResult Of(JsonNode? value) => new(value, []);
    public static FieldResult Fail(FieldError error) => new(null, [error]);
    public static FieldResult Fail(IReadOnlyList<FieldError> errors) => new(null, errors);
}
