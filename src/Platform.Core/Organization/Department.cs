namespace Platform.Core.Organization;

/// <summary>A node of the department tree.</summary>
internal sealed class Department
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Guid? ParentId { get; set; }
    public Guid? ManagerId { get; set; }
    public int SortOrder { get; set; }
}
