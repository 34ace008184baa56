namespace Platform.Core.Organization;

/// <summary>
/// Changes to users, departments, partners and roles, used by the Studio's admin pages and template installers.
/// Every refusal is an <see cref="OrganizationException"/> with an English and a Chinese message.
/// </summary>
public interface IOrganizationAdmin
{
    Task<Guid> CreateDepartmentAsync(NewDepartment department, CancellationToken ct);
    Task UpdateDepartmentAsync(Guid departmentId, string name, Guid? managerId, int sortOrder, CancellationToken ct);
    /// <summary>Moves a department under another (null: to the top); refuses to create a cycle.</summary>
    Task MoveDepartmentAsync(Guid departmentId, Guid? newParentId, CancellationToken ct);
    /// <summary>Deletes an empty department (no sub-departments, no users).</summary>
    Task DeleteDepartmentAsync(Guid departmentId, CancellationToken ct);
    Task<IReadOnlyList<DepartmentInfo>> ListDepartmentsAsync(CancellationToken ct);

    Task<Guid> CreateUserAsync(NewUser user, CancellationToken ct);
    /// <summary>Creates a user with a generated password, returned once and never stored in clear.</summary>
    Task<InvitedUser> InviteUserAsync(NewInvite invite, CancellationToken ct);
    Task UpdateUserAsync(Guid userId, UserUpdate update, CancellationToken ct);
    /// <summary>Sets the direct manager (null: none); refuses the user themself and cycles.</summary>
    Task SetManagerAsync(Guid userId, Guid? managerId, CancellationToken ct);
    Task SetDisabledAsync(Guid userId, bool disabled, CancellationToken ct);
    Task ResetPasswordAsync(Guid userId, string newPassword, CancellationToken ct);
    /// <summary>Sets a generated password (returned once), lifts any lockout and ends the user's sessions.</summary>
    Task<string> ResetToGeneratedPasswordAsync(Guid userId, CancellationToken ct);
    Task<IReadOnlyList<UserInfo>> ListUsersAsync(UserFilter filter, CancellationToken ct);
    Task<int> CountUsersAsync(UserFilter filter, CancellationToken ct);
    Task<UserInfo?> GetUserAsync(Guid userId, CancellationToken ct);

    Task<Guid> CreatePartnerAsync(NewPartner partner, CancellationToken ct);
    Task UpdatePartnerAsync(Guid partnerId, NewPartner partner, CancellationToken ct);
    /// <summary>Makes the user staff of the partner; refused when they already belong to another partner.</summary>
    Task AddUserToPartnerAsync(Guid userId, Guid partnerId, CancellationToken ct);
    Task RemoveUserFromPartnerAsync(Guid userId, CancellationToken ct);
    Task<IReadOnlyList<PartnerInfo>> ListPartnersAsync(CancellationToken ct);

    Task<Guid> CreateRoleAsync(string name, string displayName, CancellationToken ct);
    Task AssignRoleAsync(Guid userId, string role, CancellationToken ct);
    Task RemoveRoleAsync(Guid userId, string role, CancellationToken ct);
    /// <summary>Replaces the user's roles; refuses to take the administrator role from the last active administrator.</summary>
    Task SetRolesAsync(Guid userId, IReadOnlyCollection<string> roles, CancellationToken ct);
    Task<IReadOnlyList<RoleInfo>> ListRolesAsync(CancellationToken ct);
}

public sealed record NewDepartment(string Name, Guid? ParentId = null, Guid? ManagerId = null, int SortOrder = 0);

public sealed record DepartmentInfo(Guid Id, string Name, Guid? ParentId, Guid? ManagerId, int SortOrder);

public sealed record NewUser(
    string Email,
    string DisplayName,
    string Password,
    Guid? DepartmentId = null,
    Guid? ManagerId = null,
    Guid? PartnerId = null,
    IReadOnlyList<string>? Roles = null,
    string? UserName = null);

public sealed record NewInvite(
    string Email,
    string DisplayName,
    Guid? DepartmentId = null,
    Guid? ManagerId = null,
    Guid? PartnerId = null,
    IReadOnlyList<string>? Roles = null);

/// <summary>The invited user's id and their generated password, to hand over once.</summary>
public sealed record InvitedUser(Guid UserId, string Password);

public sealed record UserUpdate(string DisplayName, string Email, Guid? DepartmentId);

public sealed record UserFilter(string? Search = null, Guid? DepartmentId = null, Guid? PartnerId = null, int Skip = 0, int Take = 100,
    string? Role = null, bool? Disabled = null);

public sealed record UserInfo(
    Guid Id, string UserName, string DisplayName, string? Email, Guid? DepartmentId, Guid? ManagerId,
    Guid? PartnerId, bool IsDisabled, IReadOnlyList<string> Roles)
{
    public DateTimeOffset? LockedOutUntil { get; init; }
}

public sealed record NewPartner(string Name, string Code, string? Tier = null, string? Region = null,
    Guid? ManagerUserId = null, bool IsActive = true);

public sealed record PartnerInfo(Guid Id, string Name, string Code, string? Tier, string? Region, Guid? ManagerUserId, bool IsActive);

public sealed record RoleInfo(Guid Id, string Name, string DisplayName);
