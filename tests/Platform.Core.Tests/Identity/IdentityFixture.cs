using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Testing;

namespace Platform.Core.Tests.Identity;

/// <summary>A fresh identity database per test class, with a clock the tests can move.</summary>
public sealed class IdentityFixture : DatabaseFixture
{
    // Whole seconds, so times read back from PostgreSQL (microsecond precision) compare equal.
    public FakeTimeProvider Clock { get; } =
        new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    protected override string TemplateName => "tpl_core_identity";

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        services.AddPlatformIdentity();
    }

    /// <summary>Runs <paramref name="action"/> in a fresh DI scope, as one request would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task InScopeAsync(Func<IServiceProvider, Task> action) =>
        InScopeAsync<bool>(async sp => { await action(sp); return true; });

    public Task<Guid> CreateUserAsync(string name, string password = "Secret-pass-1", Guid? departmentId = null,
        Guid? managerId = null, Guid? partnerId = null, params string[] roles) =>
        InScopeAsync(sp => sp.GetRequiredService<IOrganizationAdmin>().CreateUserAsync(
            new NewUser($"{name}-{Guid.NewGuid():N}@example.com", name, password, departmentId, managerId, partnerId, roles),
            CancellationToken.None));

    public IOrganizationAdmin Admin(IServiceProvider sp) => sp.GetRequiredService<IOrganizationAdmin>();
}
