using Platform.Core.Organization;

namespace Platform.Forms.Tests.Support;

/// <summary>An in-process org chart for unit tests that build SQL without a database (integration tests use Core's real directory).</summary>
public sealed class TestOrgDirectory : IOrgDirectory
{
    private readonly Dictionary<Guid, Guid?> _departmentParents = [];
    private readonly Dictionary<Guid, OrgUser> _users = [];

    public void AddDepartment(Guid id, Guid? parent = null) => _departmentParents[id] = parent;
    public void AddUser(OrgUser user) => _users[user.Id] = user;

    public Task<OrgUser?> FindUserAsync(Guid userId, CancellationToken ct) => Task.FromResult(_users.GetValueOrDefault(userId));

    public Task<UserContext?> GetUserContextAsync(Guid userId, CancellationToken ct) => Task.FromResult(
        _users.TryGetValue(userId, out var u) ? new UserContext(u.Id, u.UserName, u.DisplayName, u.DepartmentId, u.PartnerId, new HashSet<string>(), false) : null);

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
