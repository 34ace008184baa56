using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>Numbers stored as JSON numbers, rounded to the field's precision and range-checked.</summary>
public abstract class NumericFieldTypeBase : IFieldType
{
    public abstract string Name { get; }
    public abstract string Widget { get; }
    protected virtual int DefaultPrecision => 2;

    public SqlValueKind SqlKind(FieldDefinition field) => SqlValueKind.Numeric;

    public JsonObject Schema(FieldDefinition field)
    {
        var schema = new JsonObject { ["type"] = new JsonArray("number", "null") };
        if (field.Min is { } min) schema["minimum"] = min;
        if (field.Max is { } max) schema["maximum"] = max;
        return schema;
    }

    public IEnumerable<string> CheckDefinition(FieldDefinition field, FormDefinition form)
    {
        if (field.Min > field.Max) yield return $"Field '{field.Key}': min is greater than max.";
        if (field.Precision is < 0 or > 10) yield return $"Field '{field.Key}': precision must be between 0 and 10.";
    }

    public FieldResult Normalize(FieldDefinition field, JsonNode? input, FieldContext context)
    {
        if (FieldInput.IsBlank(input)) return FieldResult.Of(null);
        if (!FieldInput.TryDecimal(input, out var value)) return FieldResult.Fail(FieldInput.TypeError(field, "a number", "数字"));
        value = FromInputScale(input, value);
        value = Math.Round(value, field.Precision ?? DefaultPrecision, MidpointRounding.AwayFromZero);
        if (field.Min is { } min && value < min) return FieldResult.Fail(FieldErrors.BelowMin(field.Key, field.Label.En, field.Label.Zh, min));
        if (field.Max is { } max && value > max) return FieldResult.Fail(FieldErrors.AboveMax(field.Key, field.Label.En, field.Label.Zh, max));
        return FieldResult.Of(JsonValue.Create(value));
    }

    /// <summary>Percent typed as "15%" means 15; other types take the number as it is.</summary>
    protected virtual decimal FromInputScale(JsonNode? input, decimal value) => value;

    public string Format(FieldDefinition field, JsonNode? value, CultureInfo culture) =>
        FieldInput.TryDecimal(value, out var d) ? FormatNumber(field, d, culture) : "";

    protected virtual string FormatNumber(FieldDefinition field, decimal value, CultureInfo culture) =>
        value.ToString("N" + (field.Precision ?? DefaultPrecision), culture);
}
