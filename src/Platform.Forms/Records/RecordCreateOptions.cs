namespace Platform.Forms.Records;

/// <summary>Optional facts of a new record that are not field values.</summary>
public sealed record RecordCreateOptions
{
    /// <summary>Owner other than the acting user (assignment by workflows, imports).</summary>
    public Guid? OwnerId { get; init; }
    public Guid? DepartmentId { get; init; }
    public Guid? Id { get; init; }
}
