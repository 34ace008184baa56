namespace Platform.Forms.Apps;

/// <summary>An app groups forms (and, in other engines, flows and reports) under a stable key.</summary>
internal sealed class AppEntity
{
    public required string Key { get; set; }
    public required string NameEn { get; set; }
    public required string NameZh { get; set; }
    public string? Description { get; set; }
    public string? Icon { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
