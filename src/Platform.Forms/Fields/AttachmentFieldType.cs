namespace Platform.Forms.Fields;

/// <summary>Documents of common office and archive types, 20 MB each unless the field says otherwise.</summary>
public sealed class AttachmentFieldType : FileFieldTypeBase
{
    public override string Name => "attachment";
    public override string Widget => "file-upload";
    public override long DefaultMaxSize => 20 * 1024 * 1024;
    public override IReadOnlyList<string> DefaultAccept { get; } =
        [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".txt", ".csv", ".zip", ".png", ".jpg", ".jpeg"];
}
