using Microsoft.EntityFrameworkCore;

namespace Platform.Core.Organization;

internal sealed partial class OrganizationAdmin
{
    public async Task<Guid> CreateDepartmentAsync(NewDepartment department, CancellationToken ct)
    {
        var name = RequireName(department.Name);
        if (department.ParentId is { } parent) await RequireDepartmentAsync(parent, ct);
        if (department.ManagerId is { } manager) await RequireUserAsync(manager, ct);
        var entity = new Department
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Name = name,
            ParentId = department.ParentId,
            ManagerId = department.ManagerId,
            SortOrder = department.SortOrder,
        };
        db.Departments.Add(entity);
        await db.SaveChangesAsync(ct);
        return entity.Id;
    }

    public async Task UpdateDepartmentAsync(Guid departmentId, string name, Guid? managerId, int sortOrder, CancellationToken ct)
    {
        var entity = await RequireDepartmentAsync(departmentId, ct);
        if (managerId is { } manager) await RequireUserAsync(manager, ct);
        entity.Name = RequireName(name);
        entity.ManagerId = managerId;
        entity.SortOrder = sortOrder;
        await db.SaveChangesAsync(ct);
    }

    public async Task MoveDepartmentAsync(Guid departmentId, Guid? newParentId, CancellationToken ct)
    {
        var entity = await RequireDepartmentAsync(departmentId, ct);
        if (newParentId is { } parent)
        {
            await RequireDepartmentAsync(parent, ct);
            if (await IsInSubtreeAsync(parent, departmentId, ct)) throw OrgErrors.DepartmentCycle(entity.Name);
        }
        entity.ParentId = newParentId;
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteDepartmentAsync(Guid departmentId, CancellationToken ct)
    {
        var entity = await RequireDepartmentAsync(departmentId, ct);
        if (await db.Departments.AnyAsync(d => d.ParentId == departmentId, ct) ||
            await db.Users.AnyAsync(u => u.DepartmentId == departmentId, ct))
            throw OrgErrors.DepartmentNotEmpty(entity.Name);
        db.Departments.Remove(entity);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<DepartmentInfo>> ListDepartmentsAsync(CancellationToken ct) =>
        await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
            .Select(d => new DepartmentInfo(d.Id, d.Name, d.ParentId, d.ManagerId, d.SortOrder)).ToListAsync(ct);

    /// <summary>True when <paramref name="candidate"/> is <paramref name="root"/> or lies below it.</summary>
    private async Task<bool> IsInSubtreeAsync(Guid candidate, Guid root, CancellationToken ct)
    {
        var seen = new HashSet<Guid>();
        Guid? current = candidate;
        while (current is { } id && seen.Add(id))
        {
            if (id == root) return true;
            current = await db.Departments.Where(d => d.Id == id).Select(d => d.ParentId).SingleOrDefaultAsync(ct);
        }
        return false;
    }

    private async Task<Department> RequireDepartmentAsync(Guid id, CancellationToken ct) =>
        await db.Departments.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw OrgErrors.DepartmentMissing(id);

    private static string RequireName(string name)
    {
        name = name.Trim();
        return name.Length is 0 or > 200 ? throw OrgErrors.DepartmentName() : name;
    }
}
