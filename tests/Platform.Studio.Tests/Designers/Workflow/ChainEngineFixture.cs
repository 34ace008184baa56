using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms;
using Platform.Testing;
using Platform.Workflow;
using Platform.Workflow.Definitions;

namespace Platform.Studio.Tests.Designers.Workflow;

/// <summary>The real workflow engine on a real database, with a form catalog that knows the quote form's fields.</summary>
public sealed class ChainEngineFixture : DatabaseFixture
{
    public UserContext Admin { get; } = new(Guid.NewGuid(), "admin", "Admin", null, null, new HashSet<string>(), true);

    protected override string TemplateName => "tpl_studio_chain_tests";

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddForms();
        services.AddSingleton<IWorkflowFormCatalog, QuoteCatalog>();
        services.AddSingleton<IOrgDirectory, EmptyOrg>();
        services.AddWorkflow();
        services.AddSingleton<WorkflowDryRun>();
    }

    public async Task<T> WithDefinitionsAsync<T>(Func<IWorkflowDefinitions, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IWorkflowDefinitions>());
    }

    private sealed class QuoteCatalog : IWorkflowFormCatalog
    {
        public Task<IReadOnlySet<string>?> GetFieldKeysAsync(string appKey, string formKey, CancellationToken ct) =>
            Task.FromResult<IReadOnlySet<string>?>(appKey == "crm" && formKey == "quote" ? new HashSet<string> { "title", "amount", "owner" } : null);
    }

    private sealed class EmptyOrg : IOrgDirectory
    {
        public Task<OrgUser?> FindUserAsync(Guid userId, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
        public Task<UserContext?> GetUserContextAsync(Guid userId, CancellationToken ct) => Task.FromResult<UserContext?>(null);
        public Task<OrgUser?> GetManagerAsync(Guid userId, int levels, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
        public Task<OrgUser?> GetDepartmentManagerAsync(Guid departmentId, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
        public Task<IReadOnlyList<Guid>> GetDepartmentSubtreeAsync(Guid departmentId, CancellationToken ct) => Task.FromResult<IReadOnlyList<Guid>>([]);
        public Task<IReadOnlyList<OrgUser>> GetUsersInRoleAsync(string role, CancellationToken ct) => Task.FromResult<IReadOnlyList<OrgUser>>([]);
        public Task<OrgUser?> GetPartnerManagerAsync(Guid partnerId, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
    }
}
