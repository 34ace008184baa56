using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>
/// A Chinese address: province / city / district as GB/T 2260 codes plus a detail line. Input may give codes
/// or names ("广东省 深圳市 南山区 科技园"); codes are checked against the shipped region table.
/// </summary>
public sealed class AddressFieldType(RegionTable regions) : IFieldType
{
    public string Name => "address";
    public string Widget => "address";
    public bool SearchableByDefault => true;
    public SqlValueKind SqlKind(FieldDefinition field) => SqlValueKind.Text;
    /// <summary>Filters and sorts on the city code; province filters use the code prefix.</summary>
    public string SqlTextPath(FieldDefinition field) => $"->'{field.Key}'->>'city'";

    public string SearchTextPath(FieldDefinition field) => $"->'{field.Key}'->>'detail'";

    public JsonObject Schema(FieldDefinition field) => new()
    {
        ["type"] = new JsonArray("object", "null"),
        ["properties"] = new JsonObject
        {
            ["province"] = new JsonObject { ["type"] = new JsonArray("string", "null"), ["pattern"] = "^[1-9][0-9]0000$" },
            ["city"] = new JsonObject { ["type"] = new JsonArray("string", "null"), ["pattern"] = "^[1-9][0-9]{3}00$" },
            ["district"] = new JsonObject { ["type"] = new JsonArray("string", "null"), ["pattern"] = "^[1-9][0-9]{5}$" },
            ["detail"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
        },
    };

    public bool IsEmpty(JsonNode? value) => value is not JsonObject o || (o["province"] is null && string.IsNullOrWhiteSpace(FieldInput.AsString(o["detail"])));

    public FieldResult Normalize(FieldDefinition field, JsonNode? input, FieldContext context)
    {
        if (FieldInput.IsBlank(input)) return FieldResult.Of(null);
        var parsed = input switch
        {
            JsonObject o => regions.Resolve(FieldInput.AsString(o["province"]), FieldInput.AsString(o["city"]), FieldInput.AsString(o["district"]), FieldInput.AsString(o["detail"])),
            JsonValue => regions.ParseText(FieldInput.AsString(input) ?? ""),
            _ => null,
        };
        if (parsed is null) return FieldResult.Fail(FieldInput.TypeError(field, "an address", "地址"));
        if (parsed.Error is { } error)
            return FieldResult.Fail(new FieldError(field.Key, "region", $"{field.Label.En}: {error.En}", $"{field.Label.Zh}：{error.Zh}"));
        return FieldResult.Of(new JsonObject
        {
            ["province"] = parsed.Province, ["city"] = parsed.City, ["district"] = parsed.District, ["detail"] = parsed.Detail,
        });
    }

    public string Format(FieldDefinition field, JsonNode? value, CultureInfo culture) => value is JsonObject o
        ? string.Concat(regions.NameOf(FieldInput.AsString(o["province"])), regions.NameOf(FieldInput.AsString(o["city"])),
            regions.NameOf(FieldInput.AsString(o["district"])), FieldInput.AsString(o["detail"]) is { Length: > 0 } d ? " " + d : "")
        : "";
}
