using Platform.Core.Organization;

namespace Platform.Reports.Tests.Support;

/// <summary>An in-process org chart for the permission predicate (department subtrees) until Core's directory is on main.</summary>
public sealed class TestOrgDirectory : IOrgDirectory
{
    private readonly Dictionary<Guid, Guid?> _departmentParents = [];

    public void AddDepartment(Guid id, Guid? parent = null) => _departmentParents[id] = parent;

    public Task<OrgUser?> FindUserAsync(Guid userId, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
    public Task<UserContext?> GetUserContextAsync(Guid userId, CancellationToken ct) => Task.FromResult<UserContext?>(null);
    public Task<OrgUser?> GetManagerAsync(Guid userId, int levels, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
    public Task<OrgUser?> GetDepartmentManagerAsync(Guid departmentId, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
    public Task<OrgUser?> GetPartnerManagerAsync(Guid partnerId, CancellationToken ct) => Task.FromResult<OrgUser?>(null);
    public Task<IReadOnlyList<OrgUser>> GetUsersInRoleAsync(string role, CancellationToken ct) => Task.FromResult<IReadOnlyList<OrgUser>>([]);

    public Task<IReadOnlyList<Guid>> GetDepartmentSubtreeAsync(Guid departmentId, CancellationToken ct)
    {
        var result = new List<Guid> { departmentId };
        for (var i = 0; i < result.Count; i++)
            result.AddRange(_departmentParents.Where(p => p.Value == result[i]).Select(p => p.Key));
        return Task.FromResult<IReadOnlyList<Guid>>(result);
    }
}
