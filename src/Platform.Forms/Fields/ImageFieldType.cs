namespace Platform.Forms.Fields;

/// <summary>Pictures (PNG, JPEG, GIF, WebP), 5 MB each unless the field says otherwise.</summary>
public sealed class ImageFieldType : FileFieldTypeBase
{
    public override string Name => "image";
    public override string Widget => "image-upload";
    public override long DefaultMaxSize => 5 * 1024 * 1024;
    public override IReadOnlyList<string> DefaultAccept { get; } = ["image/png", "image/jpeg", "image/gif", "image/webp"];
}
