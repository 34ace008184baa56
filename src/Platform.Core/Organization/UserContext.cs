namespace Platform.Core.Organization;

/// <summary>
/// Who is acting: the facts every permission check, data scope and approver rule needs.
/// Engines take it as a parameter; they never read HTTP state themselves.
/// </summary>
public sealed record UserContext(
    Guid UserId,
    string UserName,
    string DisplayName,
    Guid? DepartmentId,
    Guid? PartnerId,
    IReadOnlySet<string> Roles,
    bool IsAdministrator)
{
    /// <summary>The platform itself (workflow actions, imports run by the system); bypasses data scopes.</summary>
    public static UserContext System { get; } = new(
        Guid.Empty, "system", "System", null, null, new HashSet<string>(), IsAdministrator: true);

    public bool IsSystem => UserId == Guid.Empty;
    public bool IsPartnerUser => PartnerId is not null;
}
