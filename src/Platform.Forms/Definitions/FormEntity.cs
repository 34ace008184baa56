namespace Platform.Forms.Definitions;

/// <summary>A form's row: its working draft and which version is published.</summary>
internal sealed class FormEntity
{
    public required string AppKey { get; set; }
    public required string Key { get; set; }
    /// <summary>The draft definition document (jsonb); publishing copies it into a new version.</summary>
    public required string Draft { get; set; }
    public int? PublishedVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid UpdatedBy { get; set; }
}

/// <summary>An immutable published version of a form definition.</summary>
internal sealed class FormVersionEntity
{
    public required string AppKey { get; set; }
    public required string FormKey { get; set; }
    public int Version { get; set; }
    public required string Definition { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public Guid PublishedBy { get; set; }
}

/// <summary>An expression index the platform created on forms.records for a field; dropped when no longer wanted.</summary>
internal sealed class FormIndexEntity
{
    public required string Name { get; set; }
    public required string AppKey { get; set; }
    public required string FormKey { get; set; }
    public required string FieldKey { get; set; }
    public required string Kind { get; set; }
    public required string Sql { get; set; }
}
