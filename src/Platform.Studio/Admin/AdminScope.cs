using Platform.Core.Identity;
using Platform.Core.Organization;

namespace Platform.Studio.Admin;

/// <summary>
/// Runs one admin operation in its own DI scope (a Blazor circuit lives for hours; a DbContext must not) and
/// writes its audit entry in the same scope once the operation succeeded.
/// </summary>
public sealed class AdminScope(IServiceScopeFactory scopes)
{
    public async Task<T> RunAsync<T>(UserContext actor, Func<IServiceProvider, Task<T>> operation, Func<T, AuditEvent?> audit, CancellationToken ct)
    {
        AdminPolicy.Require(actor);
        await using var scope = scopes.CreateAsyncScope();
        var result = await operation(scope.ServiceProvider);
        if (audit(result) is { } entry)
            await scope.ServiceProvider.GetRequiredService<IAuditLog>().WriteAsync(entry, ct);
        return result;
    }

    public Task RunAsync(UserContext actor, Func<IServiceProvider, Task> operation, AuditEvent audit, CancellationToken ct) =>
        RunAsync<bool>(actor, async sp => { await operation(sp); return true; }, _ => audit, ct);

    /// <summary>A read: admin check and a scope, nothing audited.</summary>
    public async Task<T> ReadAsync<T>(UserContext actor, Func<IServiceProvider, Task<T>> read)
    {
        AdminPolicy.Require(actor);
        await using var scope = scopes.CreateAsyncScope();
        return await read(scope.ServiceProvider);
    }

    public static AuditEvent Event(UserContext actor, string action, string target, string? details = null) =>
        new(actor.UserId, actor.DisplayName, action, target, details);
}
