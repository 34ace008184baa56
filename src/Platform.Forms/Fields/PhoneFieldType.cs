using System.Globalization;
using System.Text.Json.Nodes;
using PhoneNumbers;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>
/// A phone number stored as <c>{"e164": "+86…", "raw": "what was typed"}</c>. A number libphonenumber cannot
/// parse keeps its raw text with a null e164, so nothing the user typed is lost.
/// </summary>
public sealed class PhoneFieldType : IFieldType
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public string Name => "phone";
    public string Widget => "phone";
    public bool SearchableByDefault => true;
    public SqlValueKind SqlKind(FieldDefinition field) => SqlValueKind.Text;
    public string SqlTextPath(FieldDefinition field) => $"->'{field.Key}'->>'e164'";

    public JsonObject Schema(FieldDefinition field) => new()
    {
        ["type"] = new JsonArray("object", "null"),
        ["properties"] = new JsonObject
        {
            ["e164"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
            ["raw"] = new JsonObject { ["type"] = "string" },
        },
    };

    public FieldResult Normalize(FieldDefinition field, JsonNode? input, FieldContext context)
    {
        var raw = input is JsonObject o ? FieldInput.AsString(o["raw"]) ?? FieldInput.AsString(o["e164"]) : FieldInput.AsString(input);
        if (string.IsNullOrWhiteSpace(raw)) return input is null or JsonValue or JsonObject ? FieldResult.Of(null) : FieldResult.Fail(FieldInput.TypeError(field, "a phone number", "电话号码"));
        raw = raw.Trim();
        return FieldResult.Of(new JsonObject { ["e164"] = ToE164(raw, field.Region ?? "CN"), ["raw"] = raw });
    }

    internal static string? ToE164(string raw, string region)
    {
        try
        {
            var number = Util.Parse(raw, region);
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException) { return null; }
    }

    public string Format(FieldDefinition field, JsonNode? value, CultureInfo culture) =>
        value is JsonObject o ? FieldInput.AsString(o["e164"]) ?? FieldInput.AsString(o["raw"]) ?? "" : "";
}
