using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Core.Database;
using Platform.Core.Organization;
using Platform.Forms;
using Platform.Workflow;

namespace Platform.Benchmarks;

/// <summary>A workflow worker process the `workflow` benchmark starts twice: `workflow-worker &lt;connection string&gt; &lt;worker id&gt;`.</summary>
public sealed class WorkflowWorkerCommand : IBenchmarkCommand
{
    public string Name => "workflow-worker";
    public string Description => "(used by `workflow`) runs one workflow worker process until killed";

    public async Task<int> RunAsync(BenchmarkArgs args)
    {
        if (args.Rest.Count < 2) return 2;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPlatformDatabase(args.Rest[0]);
        builder.Services.AddSingleton<IOrgDirectory>(new WorkflowBenchmarkOrg());
        builder.Services.AddForms();
        builder.Services.AddWorkflow(o =>
        {
            o.WorkerId = args.Rest[1];
            o.PollInterval = TimeSpan.FromMilliseconds(20);
            o.BatchSize = 100;
        });
        builder.Services.AddWorkflowWorker();
        using var host = builder.Build();
        await host.RunAsync();
        return 0;
    }
}

/// <summary>The benchmark's organisation: one active approver per approval step.</summary>
internal sealed class WorkflowBenchmarkOrg : IOrgDirectory
{
    public static readonly Guid[] Approvers = Enumerable.Range(1, 5).Select(i => new Guid($"00000000-0000-0000-0000-00000000000{i}")).ToArray();

    public Task<OrgUser?> FindUserAsync(Guid userId, CancellationToken ct) =>
        Task.FromResult(Approvers.Contains(userId) ? new OrgUser(userId, $"approver{userId.ToString()[^1]}", "Approver", null, null, null, null, true) : null);
    public Task<UserContext?> GetUserContextAsync(Guid userId, CancellationToken ct) =>
        Task.FromResult<UserContext?>(new UserContext(userId, "approver", "Approver", null, null, new HashSet<string>(), false));
    public Task<OrgUser?> GetManagerAsync(Guid userId, int levels, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
    public Task<OrgUser?> GetDepartmentManagerAsync(Guid departmentId, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
    public Task<IReadOnlyList<Guid>> GetDepartmentSubtreeAsync(Guid departmentId, CancellationToken ct) => Task.FromResult<IReadOnlyList<Guid>>([departmentId]);
    public Task<IReadOnlyList<OrgUser>> GetUsersInRoleAsync(string role, CancellationToken ct) => Task.FromResult<IReadOnlyList<OrgUser>>([]);
    public Task<OrgUser?> GetPartnerManagerAsync(Guid partnerId, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
}
