namespace Platform.Core.Organization;

/// <summary>An external company whose staff sign in; each partner user belongs to exactly one partner.</summary>
internal sealed class Partner
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Code { get; set; }
    public string? Tier { get; set; }
    public string? Region { get; set; }
    public Guid? ManagerUserId { get; set; }
    public bool IsActive { get; set; } = true;
}
