using Dapper;
using Npgsql;
using Platform.Core.Identity;

namespace Platform.Core.Organization;

/// <summary>Answers organisation questions with SQL over the <c>identity</c> tables.</summary>
internal sealed class OrgDirectory(NpgsqlDataSource dataSource) : IOrgDirectory
{
    // A guard against manager cycles that slipped in through direct SQL; real chains are far shorter.
    private const int MaxDepth = 64;

    private const string UserColumns = """
        u.id AS Id, u.user_name AS UserName, u.display_name AS DisplayName, u.email AS Email,
        u.department_id AS DepartmentId, u.manager_id AS ManagerId, u.partner_id AS PartnerId,
        NOT u.is_disabled AS IsActive
        """;

    public async Task<OrgUser?> FindUserAsync(Guid userId, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<OrgUser>(new CommandDefinition(
            $"SELECT {UserColumns} FROM identity.users u WHERE u.id = @userId", new { userId }, cancellationToken: ct));
    }

    public async Task<UserContext?> GetUserContextAsync(Guid userId, CancellationToken ct)
    {
        var user = await FindUserAsync(userId, ct);
        if (user is not { IsActive: true }) return null;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var roles = (await conn.QueryAsync<string>(new CommandDefinition("""
            SELECT r.name FROM identity.user_roles ur JOIN identity.roles r ON r.id = ur.role_id
            WHERE ur.user_id = @userId
            """, new { userId }, cancellationToken: ct))).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new UserContext(user.Id, user.UserName, user.DisplayName, user.DepartmentId, user.PartnerId,
            roles, roles.Contains(PlatformRole.Administrator));
    }

    public async Task<OrgUser?> GetManagerAsync(Guid userId, int levels, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        if (levels > MaxDepth) return null;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<OrgUser>(new CommandDefinition($"""
            WITH RECURSIVE chain(id, depth) AS (
                SELECT manager_id, 1 FROM identity.users WHERE id = @userId AND manager_id IS NOT NULL
                UNION ALL
                SELECT u.manager_id, c.depth + 1
                FROM chain c JOIN identity.users u ON u.id = c.id
                WHERE u.manager_id IS NOT NULL AND c.depth < @levels
            )
            SELECT {UserColumns} FROM chain c JOIN identity.users u ON u.id = c.id WHERE c.depth = @levels
            """, new { userId, levels }, cancellationToken: ct));
    }

    public async Task<OrgUser?> GetDepartmentManagerAsync(Guid departmentId, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.QueryFirstOrDefaultAsync<OrgUser>(new CommandDefinition($"""
            WITH RECURSIVE up(id, parent_id, manager_id, depth) AS (
                SELECT id, parent_id, manager_id, 0 FROM identity.departments WHERE id = @departmentId
                UNION ALL
                SELECT d.id, d.parent_id, d.manager_id, up.depth + 1
                FROM up JOIN identity.departments d ON d.id = up.parent_id
                WHERE up.depth < {MaxDepth}
            )
            SELECT {UserColumns}
            FROM up JOIN identity.users u ON u.id = up.manager_id
            WHERE NOT u.is_disabled
            ORDER BY up.depth
            LIMIT 1
            """, new { departmentId }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<Guid>> GetDepartmentSubtreeAsync(Guid departmentId, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var ids = await conn.QueryAsync<Guid>(new CommandDefinition($"""
            WITH RECURSIVE down(id, depth) AS (
                SELECT id, 0 FROM identity.departments WHERE id = @departmentId
                UNION ALL
                SELECT d.id, down.depth + 1
                FROM down JOIN identity.departments d ON d.parent_id = down.id
                WHERE down.depth < {MaxDepth}
            )
            SELECT id FROM down ORDER BY depth
            """, new { departmentId }, cancellationToken: ct));
        return ids.ToList();
    }

    public async Task<IReadOnlyList<OrgUser>> GetUsersInRoleAsync(string role, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var users = await conn.QueryAsync<OrgUser>(new CommandDefinition($"""
            SELECT {UserColumns}
            FROM identity.users u
            JOIN identity.user_roles ur ON ur.user_id = u.id
            JOIN identity.roles r ON r.id = ur.role_id
            WHERE r.normalized_name = upper(@role) AND NOT u.is_disabled
            ORDER BY u.display_name, u.user_name
            """, new { role }, cancellationToken: ct));
        return users.ToList();
    }

    public async Task<OrgUser?> GetPartnerManagerAsync(Guid partnerId, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<OrgUser>(new CommandDefinition($"""
            SELECT {UserColumns}
            FROM identity.partners p JOIN identity.users u ON u.id = p.manager_user_id
            WHERE p.id = @partnerId
            """, new { partnerId }, cancellationToken: ct));
    }
}
