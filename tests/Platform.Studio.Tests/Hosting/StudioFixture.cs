using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Core.Database;
using Platform.Core.Identity;
using Platform.Core.Organization;

namespace Platform.Studio.Tests.Hosting;

/// <summary>One running Studio per test class.</summary>
public sealed class StudioFixture : IAsyncLifetime
{
    private StudioProcess? _studio;

    public StudioProcess Studio => _studio ?? throw new InvalidOperationException("Studio not started.");

    public async Task InitializeAsync() => _studio = await StudioProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_studio is not null) await _studio.DisposeAsync();
    }

    /// <summary>Creates a user straight in the Studio's database, as an admin page would.</summary>
    public async Task<string> CreateUserAsync(string password)
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        await WithAdminAsync(admin => admin.CreateUserAsync(new NewUser(email, "测试用户", password), CancellationToken.None));
        return email;
    }

    public async Task DisableUserAsync(string email)
    {
        var users = await WithAdminAsync(admin => admin.ListUsersAsync(new UserFilter(Search: email), CancellationToken.None));
        await WithAdminAsync(async admin =>
        {
            await admin.SetDisabledAsync(users.Single().Id, true, CancellationToken.None);
            return true;
        });
    }

    private async Task<T> WithAdminAsync<T>(Func<IOrganizationAdmin, Task<T>> action)
    {
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddPlatformDatabase(Studio.ConnectionString).AddPlatformIdentity();
        await using var sp = services.BuildServiceProvider();
        await using var scope = sp.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IOrganizationAdmin>());
    }
}
