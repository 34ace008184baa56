namespace Platform.Forms.Fields;

/// <summary>Multi-line plain text.</summary>
public sealed class TextareaFieldType : TextFieldTypeBase
{
    public override string Name => "textarea";
    public override string Widget => "textarea";
    protected override string Clean(string raw) => raw.ReplaceLineEndings("\n").Trim();
}
