using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Forms.Definitions;

/// <summary>A user-facing text in English and Chinese; a plain JSON string sets both.</summary>
[JsonConverter(typeof(LocalizedTextConverter))]
public sealed record LocalizedText(string En, string Zh)
{
    public static LocalizedText Same(string text) => new(text, text);

    public string For(string? culture) =>
        culture is not null && culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Zh : En;

    public override string ToString() => En;
}

internal sealed class LocalizedTextConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return LocalizedText.Same(reader.GetString()!);
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Expected a string or {\"en\":…, \"zh\":…}.");
        string? en = null, zh = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            var value = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
            if (string.Equals(name, "en", StringComparison.OrdinalIgnoreCase)) en = value;
            else if (string.Equals(name, "zh", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "zh-CN", StringComparison.OrdinalIgnoreCase)) zh = value;
        }
        if (en is null && zh is null) throw new JsonException("A text needs \"en\" or \"zh\".");
        return new LocalizedText(en ?? zh!, zh ?? en!);
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("en", value.En);
        writer.WriteString("zh", value.Zh);
        writer.WriteEndObject();
    }
}
