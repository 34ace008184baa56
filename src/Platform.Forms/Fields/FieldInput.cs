using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>Reading loosely typed input (JSON from forms, text from spreadsheets) into CLR values.</summary>
internal static class FieldInput
{
    public static string? AsString(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
        _ => null,
    };

    public static bool TryDecimal(JsonNode? node, out decimal value)
    {
        value = 0;
        if (node is not JsonValue v) return false;
        if (v.GetValueKind() == JsonValueKind.Number) return v.TryGetValue(out value) || decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        if (v.GetValueKind() != JsonValueKind.String) return false;
        var s = v.GetValue<string>().Trim().Replace(",", "").Replace("，", "").Replace("¥", "").Replace("￥", "").Replace("$", "").TrimEnd('%');
        return decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryGuid(JsonNode? node, out Guid id)
    {
        id = Guid.Empty;
        return AsString(node) is { } s && Guid.TryParse(s, out id);
    }

    /// <summary>Single values may arrive as an array of one; multiple values may arrive as one value or a comma list.</summary>
    public static IReadOnlyList<JsonNode?> AsList(JsonNode? node) => node switch
    {
        null => [],
        JsonArray a => a.ToList(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String =>
            v.GetValue<string>().Split([',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => (JsonNode?)JsonValue.Create(s)).ToList(),
        _ => [node],
    };

    public static bool IsBlank(JsonNode? node) => node is null || (AsString(node) is { } s && string.IsNullOrWhiteSpace(s) && node is JsonValue jv && jv.GetValueKind() == JsonValueKind.String);

    public static FieldError TypeError(FieldDefinition f, string expected, string expectedZh) =>
        FieldErrors.WrongType(f.Key, f.Label.En, f.Label.Zh, expected, expectedZh);
}
