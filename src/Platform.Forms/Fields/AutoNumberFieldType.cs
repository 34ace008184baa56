using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>
/// A number the platform assigns on create from a pattern such as <c>ORD-{yyyy}{MM}-{0000}</c>. The counter
/// restarts per distinct date part and is taken from a counter row in the record's own transaction, so numbers
/// are gap-free under concurrency (a rolled-back create releases its number).
/// </summary>
public sealed partial class AutoNumberFieldType : IFieldType
{
    public string Name => "autonumber";
    public string Widget => "readonly";
    public bool IsComputed => true;
    public bool SearchableByDefault => true;
    public SqlValueKind SqlKind(FieldDefinition field) => SqlValueKind.Text;

    public JsonObject Schema(FieldDefinition field) => new() { ["type"] = new JsonArray("string", "null") };

    public IEnumerable<string> CheckDefinition(FieldDefinition field, FormDefinition form)
    {
        if (string.IsNullOrWhiteSpace(field.NumberPattern) || !SequenceToken().IsMatch(field.NumberPattern))
            yield return $"Field '{field.Key}': an autonumber needs a numberPattern with a sequence such as {{0000}}.";
    }

    /// <summary>Input is ignored: existing numbers are kept by the store and new ones assigned by it.</summary>
    public FieldResult Normalize(FieldDefinition field, JsonNode? input, FieldContext context) => FieldResult.Of(null);

    /// <summary>The counter scope: the pattern with its date parts filled and the sequence left as a marker.</summary>
    public static string Period(string pattern, DateTime localNow) => Render(pattern, localNow, null);

    public static string Render(string pattern, DateTime localNow, long? sequence)
    {
        var sb = new StringBuilder();
        foreach (Match token in Token().Matches(pattern))
        {
            if (!token.Groups["t"].Success) { sb.Append(token.Value); continue; }
            var t = token.Groups["t"].Value;
            sb.Append(t switch
            {
                "yyyy" => localNow.ToString("yyyy", CultureInfo.InvariantCulture),
                "yy" => localNow.ToString("yy", CultureInfo.InvariantCulture),
                "MM" => localNow.ToString("MM", CultureInfo.InvariantCulture),
                "dd" => localNow.ToString("dd", CultureInfo.InvariantCulture),
                _ when t.All(c => c == '0') => sequence is { } n ? n.ToString(new string('0', t.Length), CultureInfo.InvariantCulture) : "#",
                _ => token.Value,
            });
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"\{(?<t>[^{}]+)\}|[^{]+|\{")]
    private static partial Regex Token();

    [GeneratedRegex(@"\{0+\}")]
    private static partial Regex SequenceToken();
}
