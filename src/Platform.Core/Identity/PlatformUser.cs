using Microsoft.AspNetCore.Identity;

namespace Platform.Core.Identity;

/// <summary>A person who signs in: internal staff (with a department) or partner staff (with a partner).</summary>
public sealed class PlatformUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public Guid? DepartmentId { get; set; }
    public Guid? ManagerId { get; set; }
    public Guid? PartnerId { get; set; }
    public bool IsDisabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
