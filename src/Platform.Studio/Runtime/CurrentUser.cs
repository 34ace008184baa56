using Microsoft.AspNetCore.Components.Authorization;
using Platform.Core.Identity;
using Platform.Core.Organization;

namespace Platform.Studio.Runtime;

/// <summary>The circuit's signed-in user as the engines see them; resolved on each call so a disabled user stops at once.</summary>
public sealed class CurrentUser(AuthenticationStateProvider auth, IUserContextResolver resolver)
{
    public async Task<UserContext?> GetAsync(CancellationToken ct)
    {
        var state = await auth.GetAuthenticationStateAsync();
        return await resolver.ResolveAsync(state.User, ct);
    }

    public async Task<UserContext> RequireAsync(CancellationToken ct) =>
        await GetAsync(ct) ?? throw new UnauthorizedAccessException("The session's user is unknown or disabled.");
}
