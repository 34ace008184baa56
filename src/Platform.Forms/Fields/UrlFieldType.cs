using System.Text.Json.Nodes;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>An http(s) link; a bare host gets https:// in front.</summary>
public sealed class UrlFieldType : TextFieldTypeBase
{
    public override string Name => "url";
    public override string Widget => "url";

    protected override FieldResult Refine(FieldDefinition field, string text)
    {
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !uri.Host.Contains('.'))
            return FieldResult.Fail(new FieldError(field.Key, "url", $"{field.Label.En} is not a valid http(s) link.", $"{field.Label.Zh}不是有效的网址。"));
        return FieldResult.Of(JsonValue.Create(uri.AbsoluteUri));
    }
}
