namespace Platform.Forms.Fields;

/// <summary>Single-line text.</summary>
public sealed class TextFieldType : TextFieldTypeBase
{
    public override string Name => "text";
    public override string Widget => "input";
    protected override string Clean(string raw) => raw.Trim().ReplaceLineEndings(" ");
}
