using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>A calendar date stored as yyyy-MM-dd, which sorts chronologically as text.</summary>
public sealed class DateFieldType : IFieldType
{
    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];

    public string Name => "date";
    public string Widget => "date";
    public SqlValueKind SqlKind(FieldDefinition field) => SqlValueKind.Text;

    public JsonObject Schema(FieldDefinition field) => new() { ["type"] = new JsonArray("string", "null"), ["format"] = "date" };

    public FieldResult Normalize(FieldDefinition field, JsonNode? input, FieldContext context)
    {
        if (FieldInput.IsBlank(input)) return FieldResult.Of(null);
        var text = FieldInput.AsString(input)?.Trim();
        if (text is not null && TryParse(text, out var date)) return FieldResult.Of(JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        return FieldResult.Fail(FieldInput.TypeError(field, "a date (yyyy-MM-dd)", "日期（yyyy-MM-dd）"));
    }

    internal static bool TryParse(string text, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        // Spreadsheets hand dates over as date-times.
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt)) { date = DateOnly.FromDateTime(dt); return true; }
        return false;
    }
}
