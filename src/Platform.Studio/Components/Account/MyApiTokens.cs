using Platform.Core.Identity;
using Platform.Core.Organization;

namespace Platform.Studio.Components.Account;

/// <summary>What a token's owner sees about its state.</summary>
public enum TokenState { Active, Expired, Revoked }

/// <summary>
/// The signed-in user's API tokens for the tokens page. Each call uses its own scope so a long-lived
/// Blazor circuit never holds a stale DbContext.
/// </summary>
public sealed class MyApiTokens(IServiceScopeFactory scopes, TimeProvider time)
{
    public static TokenState StateOf(ApiTokenInfo token, DateTimeOffset now) =>
        token.RevokedAt is not null ? TokenState.Revoked
        : token.ExpiresAt <= now ? TokenState.Expired
        : TokenState.Active;

    public TokenState StateOf(ApiTokenInfo token) => StateOf(token, time.GetUtcNow());

    public Task<IReadOnlyList<ApiTokenInfo>> ListAsync(UserContext user, CancellationToken ct) =>
        WithTokensAsync(t => t.ListAsync(user.UserId, ct));

    public Task<CreatedApiToken> CreateAsync(UserContext user, string name, int expiresInDays, CancellationToken ct) =>
        WithTokensAsync(t => t.CreateAsync(user.UserId, name, expiresInDays, ct));

    public Task<bool> RevokeAsync(UserContext user, Guid tokenId, CancellationToken ct) =>
        WithTokensAsync(t => t.RevokeAsync(user.UserId, tokenId, ct));

    private async Task<T> WithTokensAsync<T>(Func<IApiTokens, Task<T>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IApiTokens>());
    }
}
