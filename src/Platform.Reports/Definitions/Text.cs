using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Reports.Definitions;

/// <summary>A user-facing text in English and Chinese; a plain JSON string sets both.</summary>
[JsonConverter(typeof(TextConverter))]
public sealed record Text(string En, string Zh)
{
    public static Text Same(string text) => new(text, text);

    public string For(string? culture) =>
        culture is not null && culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Zh : En;

    public override string ToString() => En;
}

internal sealed class TextConverter : JsonConverter<Text>
{
    public override Text Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return Text.Same(reader.GetString()!);
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Expected a string or {\"en\":…, \"zh\":…}.");
        string? en = null, zh = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            var value = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
            if (string.Equals(name, "en", StringComparison.OrdinalIgnoreCase)) en = value;
            else if (name is not null && name.StartsWith("zh", StringComparison.OrdinalIgnoreCase)) zh = value;
        }
        if (en is null && zh is null) throw new JsonException("A text needs \"en\" or \"zh\".");
        return new Text(en ?? zh!, zh ?? en!);
    }

    public override void Write(Utf8JsonWriter writer, Text value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("en", value.En);
        writer.WriteString("zh", value.Zh);
        writer.WriteEndObject();
    }
}
