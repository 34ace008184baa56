namespace Platform.Core.Organization;

/// <summary>Read access to users, departments, partners and roles, for permissions and approver rules.</summary>
public interface IOrgDirectory
{
    Task<OrgUser?> FindUserAsync(Guid userId, CancellationToken ct);

    Task<UserContext?> GetUserContextAsync(Guid userId, CancellationToken ct);

    /// <summary>The user's manager <paramref name="levels"/> steps up (1 = direct manager); null past the top.</summary>
    Task<OrgUser?> GetManagerAsync(Guid userId, int levels, CancellationToken ct);

    /// <summary>The department's manager, walking up the tree when the department has none.</summary>
    Task<OrgUser?> GetDepartmentManagerAsync(Guid departmentId, CancellationToken ct);

    /// <summary>The department and every department below it.</summary>
    Task<IReadOnlyList<Guid>> GetDepartmentSubtreeAsync(Guid departmentId, CancellationToken ct);

    Task<IReadOnlyList<OrgUser>> GetUsersInRoleAsync(string role, CancellationToken ct);

    /// <summary>The partner organisation's manager (its admin contact).</summary>
    Task<OrgUser?> GetPartnerManagerAsync(Guid partnerId, CancellationToken ct);
}

/// <summary>A user as other engines see them.</summary>
public sealed record OrgUser(
    Guid Id,
    string UserName,
    string DisplayName,
    string? Email,
    Guid? DepartmentId,
    Guid? ManagerId,
    Guid? PartnerId,
    bool IsActive);
