using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Core.Expressions;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Forms;
using Platform.Packages;
using Platform.Reports;
using Platform.Studio.Admin;
using Platform.Testing;
using Platform.Workflow;

namespace Platform.Studio.Tests.Admin;

/// <summary>
/// A real PostgreSQL database with identity, the engines and the admin services as the Studio registers them,
/// plus an administrator (<see cref="Admin"/>) to act as.
/// </summary>
public sealed class AdminFixture : DatabaseFixture
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

    public UserContext Admin { get; private set; } = default!;

    protected override string TemplateName => "tpl_studio_admin1";

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddPlatformIdentity();
        services.AddExpressionSandbox();
        services.AddForms();
        services.AddReports();
        services.AddWorkflow();
        services.AddAppPackages();
        services.AddStudioAdmin();
    }

    protected override async Task OnInitializedAsync()
    {
        var first = await InScopeAsync(sp => sp.GetRequiredService<IFirstAdministrator>().EnsureAsync("root@example.com", "Root-pass-2024", CancellationToken.None));
        var id = (await InScopeAsync(sp => sp.GetRequiredService<IOrganizationAdmin>().ListUsersAsync(new UserFilter(first.Email), CancellationToken.None))).Single().Id;
        Admin = (await ContextOfAsync(id))!;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<UserContext?> ContextOfAsync(Guid userId) => Get<IOrgDirectory>().GetUserContextAsync(userId, CancellationToken.None);

    /// <summary>Creates a user straight through the organisation service (setup, not the behaviour under test).</summary>
    public async Task<UserContext> CreateUserAsync(string email, IReadOnlyList<string>? roles = null, Guid? partnerId = null, Guid? departmentId = null)
    {
        var id = await InScopeAsync(sp => sp.GetRequiredService<IOrganizationAdmin>().CreateUserAsync(
            new NewUser(email, email.Split('@')[0], "Passw0rd-x", departmentId, null, partnerId, roles), CancellationToken.None));
        return (await ContextOfAsync(id))!;
    }

    public Task<AuditPage> AuditAsync(AuditQuery query) => InScopeAsync(sp => sp.GetRequiredService<IAuditLog>().QueryAsync(query, CancellationToken.None));
}
