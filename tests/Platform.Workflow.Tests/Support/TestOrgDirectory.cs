using Platform.Core.Organization;

namespace Platform.Workflow.Tests.Support;

/// <summary>An in-test organisation (users, managers, departments, roles, partners) until Core's directory is on main.</summary>
public sealed class TestOrgDirectory : IOrgDirectory
{
    private readonly Dictionary<Guid, OrgUser> _users = new();
    private readonly Dictionary<Guid, (Guid? Parent, Guid? Manager)> _departments = new();
    private readonly Dictionary<string, List<Guid>> _roles = new();
    private readonly Dictionary<Guid, Guid> _partnerManagers = new();

    public OrgUser AddUser(string name, Guid? manager = null, Guid? department = null, string[]? roles = null, Guid? partner = null, bool active = true)
    {
        var user = new OrgUser(Guid.NewGuid(), name, name, $"{name}@example.test", department, manager, partner, active);
        lock (_users) _users[user.Id] = user;
        foreach (var role in roles ?? [])
            lock (_roles) (_roles.TryGetValue(role, out var list) ? list : _roles[role] = []).Add(user.Id);
        return user;
    }

    public Guid AddDepartment(Guid? manager, Guid? parent = null)
    {
        var id = Guid.NewGuid();
        lock (_departments) _departments[id] = (parent, manager);
        return id;
    }

    public void SetPartnerManager(Guid partner, Guid user)
    {
        lock (_partnerManagers) _partnerManagers[partner] = user;
    }

    public UserContext ContextOf(OrgUser user, bool admin = false) =>
        new(user.Id, user.UserName, user.DisplayName, user.DepartmentId, user.PartnerId,
            _roles.Where(r => r.Value.Contains(user.Id)).Select(r => r.Key).ToHashSet(), admin);

    public Task<OrgUser?> FindUserAsync(Guid userId, CancellationToken ct)
    {
        lock (_users) return Task.FromResult(_users.GetValueOrDefault(userId));
    }

    public async Task<UserContext?> GetUserContextAsync(Guid userId, CancellationToken ct) =>
        await FindUserAsync(userId, ct) is { } u ? ContextOf(u) : null;

    public async Task<OrgUser?> GetManagerAsync(Guid userId, int levels, CancellationToken ct)
    {
        var current = await FindUserAsync(userId, ct);
        for (var i = 0; i < levels && current is not null; i++)
            current = current.ManagerId is { } m ? await FindUserAsync(m, ct) : null;
        return current;
    }

    public async Task<OrgUser?> GetDepartmentManagerAsync(Guid departmentId, CancellationToken ct)
    {
        Guid? id = departmentId;
        while (id is { } d && _departments.TryGetValue(d, out var dept))
        {
            if (dept.Manager is { } m) return await FindUserAsync(m, ct);
            id = dept.Parent;
        }
        return null;
    }

    public Task<IReadOnlyList<Guid>> GetDepartmentSubtreeAsync(Guid departmentId, CancellationToken ct)
    {
        var result = new List<Guid> { departmentId };
        for (var i = 0; i < result.Count; i++)
            result.AddRange(_departments.Where(d => d.Value.Parent == result[i]).Select(d => d.Key));
        return Task.FromResult<IReadOnlyList<Guid>>(result);
    }

    public Task<IReadOnlyList<OrgUser>> GetUsersInRoleAsync(string role, CancellationToken ct)
    {
        lock (_roles)
            return Task.FromResult<IReadOnlyList<OrgUser>>(_roles.GetValueOrDefault(role, []).Select(id => _users[id]).ToList());
    }

    public async Task<OrgUser?> GetPartnerManagerAsync(Guid partnerId, CancellationToken ct) =>
        _partnerManagers.TryGetValue(partnerId, out var m) ? await FindUserAsync(m, ct) : null;
}
