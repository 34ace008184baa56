using Platform.Core.Organization;

namespace Platform.Workflow.TestWorker;

/// <summary>The crash-test flows use no approvers, so the worker needs a directory that knows nobody.</summary>
internal sealed class NoOrgDirectory : IOrgDirectory
{
    public Task<OrgUser?> FindUserAsync(Guid userId, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
    public Task<UserContext?> GetUserContextAsync(Guid userId, CancellationToken ct) => Task.FromResult<UserContext?>(null);
    public Task<OrgUser?> GetManagerAsync(Guid userId, int levels, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
    public Task<OrgUser?> GetDepartmentManagerAsync(Guid departmentId, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
    public Task<IReadOnlyList<Guid>> GetDepartmentSubtreeAsync(Guid departmentId, CancellationToken ct) => Task.FromResult<IReadOnlyList<Guid>>([departmentId]);
    public Task<IReadOnlyList<OrgUser>> GetUsersInRoleAsync(string role, CancellationToken ct) => Task.FromResult<IReadOnlyList<OrgUser>>([]);
    public Task<OrgUser?> GetPartnerManagerAsync(Guid partnerId, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
}
