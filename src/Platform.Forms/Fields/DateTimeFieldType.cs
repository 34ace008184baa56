using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>An instant stored as ISO 8601 UTC with milliseconds, a fixed width so text order is time order.</summary>
public sealed class DateTimeFieldType : IFieldType
{
    public const string StorageFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public string Name => "datetime";
    public string Widget => "datetime";
    public SqlValueKind SqlKind(FieldDefinition field) => SqlValueKind.Text;

    public JsonObject Schema(FieldDefinition field) => new() { ["type"] = new JsonArray("string", "null"), ["format"] = "date-time" };

    public FieldResult Normalize(FieldDefinition field, JsonNode? input, FieldContext context)
    {
        if (FieldInput.IsBlank(input)) return FieldResult.Of(null);
        var text = FieldInput.AsString(input)?.Trim();
        if (text is null) return FieldResult.Fail(FieldInput.TypeError(field, "a date and time", "日期时间"));
        // Without an offset the value is local time of the platform's zone.
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto)
            && (text.EndsWith('Z') || text.Contains('+') || text.LastIndexOf('-') > 9))
            return FieldResult.Of(Store(dto));
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return FieldResult.Of(Store(new DateTimeOffset(local, context.TimeZone.GetUtcOffset(local))));
        return FieldResult.Fail(FieldInput.TypeError(field, "a date and time", "日期时间"));
    }

    public static JsonValue Store(DateTimeOffset value) =>
        JsonValue.Create(value.UtcDateTime.ToString(StorageFormat, CultureInfo.InvariantCulture));

    public string Format(FieldDefinition field, JsonNode? value, CultureInfo culture) =>
        FieldInput.AsString(value) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d.ToString("yyyy-MM-dd HH:mm", culture) + " UTC" : "";
}
