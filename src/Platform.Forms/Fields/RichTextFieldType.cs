using System.Text.Json.Nodes;
using Ganss.Xss;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>HTML from the rich text editor, sanitised on every write so stored markup never carries script.</summary>
public sealed class RichTextFieldType : TextFieldTypeBase
{
    private static readonly HtmlSanitizer Sanitizer = new();

    public override string Name => "richtext";
    public override string Widget => "richtext";
    protected override string Clean(string raw) => Sanitizer.Sanitize(raw).Trim();

    protected override FieldResult Refine(FieldDefinition field, string text) => FieldResult.Of(JsonValue.Create(text));
}
