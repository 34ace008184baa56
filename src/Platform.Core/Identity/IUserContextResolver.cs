using System.Security.Claims;
using Platform.Core.Organization;

namespace Platform.Core.Identity;

/// <summary>Turns a signed-in principal (cookie or API token) into the <see cref="UserContext"/> engines take.</summary>
public interface IUserContextResolver
{
    /// <summary>Null when the principal is anonymous, unknown or disabled.</summary>
    ValueTask<UserContext?> ResolveAsync(ClaimsPrincipal principal, CancellationToken ct);
}
