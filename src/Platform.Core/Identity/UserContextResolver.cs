using System.Security.Claims;
using Platform.Core.Organization;

namespace Platform.Core.Identity;

/// <summary>Looks the principal's user id up in the directory, so roles and departments are always current.</summary>
internal sealed class UserContextResolver(IOrgDirectory directory) : IUserContextResolver
{
    public async ValueTask<UserContext?> ResolveAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        return Guid.TryParse(id, out var userId) ? await directory.GetUserContextAsync(userId, ct) : null;
    }
}
