using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Forms.Definitions;

namespace Platform.Studio.Runtime;

/// <summary>A stored value as text for list cells and the history timeline, in the user's language.</summary>
public static class FieldDisplay
{
    public static string Text(FieldDefinition field, JsonNode? value, string culture)
    {
        if (value is null) return "";
        switch (field.Type)
        {
            case "select":
                return OptionLabel(field, value.ToString(), culture);
            case "multiselect" when value is JsonArray keys:
                return string.Join("、", keys.Select(k => OptionLabel(field, k?.ToString() ?? "", culture)));
            case "checkbox":
                return value.GetValueKind() == System.Text.Json.JsonValueKind.True ? (culture.StartsWith("zh") ? "是" : "Yes") : (culture.StartsWith("zh") ? "否" : "No");
            case "phone" when value is JsonObject phone:
                return phone["raw"]?.ToString() ?? phone["e164"]?.ToString() ?? "";
            case "percent" when value is JsonValue v && v.TryGetValue<decimal>(out var p):
                return p.ToString("0.##", CultureInfo.InvariantCulture) + "%";
            case "money" when value is JsonValue v && v.TryGetValue<decimal>(out var m):
                return (field.Currency is null or "CNY" ? "¥" : field.Currency + " ") + m.ToString("N" + (field.Precision ?? 2), CultureInfo.InvariantCulture);
            case "datetime" when DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at):
                return at.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            case "subtable" when value is JsonArray lines:
                return culture.StartsWith("zh") ? $"{lines.Count} 行" : $"{lines.Count} rows";
            case "address" when value is JsonObject address:
                return address["detail"]?.ToString() ?? "";
        }
        return value is JsonValue ? value.ToString() : value.ToJsonString();
    }

    public static string? OptionColor(FieldDefinition field, string? key) => field.Options?.FirstOrDefault(o => o.Key == key)?.Color;

    private static string OptionLabel(FieldDefinition field, string key, string culture) =>
        field.Options?.FirstOrDefault(o => o.Key == key)?.Label.For(culture) ?? key;
}
