using Microsoft.AspNetCore.Identity;

namespace Platform.Core.Identity;

/// <summary>A named role; a user can hold several. The role named <see cref="Administrator"/> may do everything.</summary>
public sealed class PlatformRole : IdentityRole<Guid>
{
    public const string Administrator = "admin";

    public string DisplayName { get; set; } = "";
}
