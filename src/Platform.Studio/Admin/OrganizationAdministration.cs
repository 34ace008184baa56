using Platform.Core.Organization;

namespace Platform.Studio.Admin;

/// <summary>Departments, partner organisations and roles for administrators. Every change is audited.</summary>
public sealed class OrganizationAdministration(AdminScope admin)
{
    public Task<IReadOnlyList<DepartmentInfo>> ListDepartmentsAsync(UserContext actor, CancellationToken ct) =>
        admin.ReadAsync(actor, sp => sp.GetRequiredService<IOrganizationAdmin>().ListDepartmentsAsync(ct));

    public Task<Guid> CreateDepartmentAsync(UserContext actor, NewDepartment department, CancellationToken ct) =>
        admin.RunAsync(actor, sp => sp.GetRequiredService<IOrganizationAdmin>().CreateDepartmentAsync(department, ct),
            id => AdminScope.Event(actor, "department.created", department.Name.Trim(), $"id: {id}; parent: {department.ParentId?.ToString() ?? "-"}"), ct);

    /// <summary>Renames and sets the manager (null: none) in one step.</summary>
    public Task UpdateDepartmentAsync(UserContext actor, DepartmentInfo department, string name, Guid? managerId, CancellationToken ct) =>
        admin.RunAsync(actor, sp => sp.GetRequiredService<IOrganizationAdmin>().UpdateDepartmentAsync(department.Id, name, managerId, department.SortOrder, ct),
            AdminScope.Event(actor, "department.updated", name.Trim(),
                $"name: {department.Name} → {name.Trim()}; manager: {department.ManagerId?.ToString() ?? "-"} → {managerId?.ToString() ?? "-"}"), ct);

    public Task MoveDepartmentAsync(UserContext actor, DepartmentInfo department, Guid? newParentId, CancellationToken ct) =>
        admin.RunAsync(actor, sp => sp.GetRequiredService<IOrganizationAdmin>().MoveDepartmentAsync(department.Id, newParentId, ct),
            AdminScope.Event(actor, "department.moved", department.Name,
                $"parent: {department.ParentId?.ToString() ?? "-"} → {newParentId?.ToString() ?? "-"}"), ct);

    public Task DeleteDepartmentAsync(UserContext actor, DepartmentInfo department, CancellationToken ct) =>
        admin.RunAsync(actor, sp => sp.GetRequiredService<IOrganizationAdmin>().DeleteDepartmentAsync(department.Id, ct),
            AdminScope.Event(actor, "department.deleted", department.Name), ct);

    public Task<IReadOnlyList<PartnerInfo>> ListPartnersAsync(UserContext actor, CancellationToken ct) =>
        admin.ReadAsync(actor, sp => sp.GetRequiredService<IOrganizationAdmin>().ListPartnersAsync(ct));

    public Task<Guid> CreatePartnerAsync(UserContext actor, NewPartner partner, CancellationToken ct) =>
        admin.RunAsync(actor, sp => sp.GetRequiredService<IOrganizationAdmin>().CreatePartnerAsync(partner, ct),
            id => AdminScope.Event(actor, "partner.created", $"{partner.Code.Trim()} {partner.Name.Trim()}", $"id: {id}"), ct);

    public Task UpdatePartnerAsync(UserContext actor, Guid partnerId, NewPartner partner, CancellationToken ct) =>
        admin.RunAsync(actor, sp => sp.GetRequiredService<IOrganizationAdmin>().UpdatePartnerAsync(partnerId, partner, ct),
            AdminScope.Event(actor, "partner.updated", $"{partner.Code.Trim()} {partner.Name.Trim()}",
                $"tier: {partner.Tier}; region: {partner.Region}; active: {partner.IsActive}"), ct);

    public Task<IReadOnlyList<RoleInfo>> ListRolesAsync(UserContext actor, CancellationToken ct) =>
        admin.ReadAsync(actor, sp => sp.GetRequiredService<IOrganizationAdmin>().ListRolesAsync(ct));

    public Task<Guid> CreateRoleAsync(UserContext actor, string name, string displayName, CancellationToken ct) =>
        admin.RunAsync(actor, sp => sp.GetRequiredService<IOrganizationAdmin>().CreateRoleAsync(name, displayName, ct),
            _ => AdminScope.Event(actor, "role.created", name.Trim(), displayName), ct);
}
