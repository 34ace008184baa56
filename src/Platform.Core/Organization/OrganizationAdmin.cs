using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Identity;

namespace Platform.Core.Organization;

/// <summary>Users, partners and roles; departments are in the other part of this class.</summary>
internal sealed partial class OrganizationAdmin(
    IdentityDb db, UserManager<PlatformUser> users, RoleManager<PlatformRole> roles, TimeProvider time) : IOrganizationAdmin
{
    public async Task<Guid> CreateUserAsync(NewUser user, CancellationToken ct)
    {
        if (user.DepartmentId is { } d) await RequireDepartmentAsync(d, ct);
        if (user.ManagerId is { } m) await RequireUserAsync(m, ct);
        if (user.PartnerId is { } p) await RequirePartnerAsync(p, ct);
        foreach (var role in user.Roles ?? []) await RequireRoleAsync(role);

        var entity = new PlatformUser
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            UserName = string.IsNullOrWhiteSpace(user.UserName) ? user.Email.Trim() : user.UserName.Trim(),
            Email = user.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email.Trim() : user.DisplayName.Trim(),
            DepartmentId = user.DepartmentId,
            ManagerId = user.ManagerId,
            PartnerId = user.PartnerId,
            CreatedAt = time.GetUtcNow(),
            LockoutEnabled = true,
        };
        Check(await users.CreateAsync(entity, user.Password));
        foreach (var role in user.Roles ?? []) Check(await users.AddToRoleAsync(entity, role));
        return entity.Id;
    }

    public async Task UpdateUserAsync(Guid userId, UserUpdate update, CancellationToken ct)
    {
        var user = await RequireUserAsync(userId, ct);
        if (update.DepartmentId is { } d) await RequireDepartmentAsync(d, ct);
        user.DisplayName = update.DisplayName.Trim();
        user.DepartmentId = update.DepartmentId;
        if (!string.Equals(user.Email, update.Email.Trim(), StringComparison.OrdinalIgnoreCase))
            Check(await users.SetEmailAsync(user, update.Email.Trim()));
        Check(await users.UpdateAsync(user));
    }

    public async Task SetManagerAsync(Guid userId, Guid? managerId, CancellationToken ct)
    {
        var user = await RequireUserAsync(userId, ct);
        if (managerId is { } m)
        {
            if (m == userId) throw OrgErrors.ManagerSelf();
            var manager = await RequireUserAsync(m, ct);
            if (await ReportsToAsync(m, userId, ct)) throw OrgErrors.ManagerCycle(manager.DisplayName);
        }
        user.ManagerId = managerId;
        Check(await users.UpdateAsync(user));
    }

    public async Task SetDisabledAsync(Guid userId, bool disabled, CancellationToken ct)
    {
        var user = await RequireUserAsync(userId, ct);
        user.IsDisabled = disabled;
        Check(await users.UpdateAsync(user));
        // Cookies and tokens issued before are checked against the stamp and the flag.
        Check(await users.UpdateSecurityStampAsync(user));
    }

    public async Task ResetPasswordAsync(Guid userId, string newPassword, CancellationToken ct)
    {
        var user = await RequireUserAsync(userId, ct);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, newPassword));
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
    }

    public async Task<IReadOnlyList<UserInfo>> ListUsersAsync(UserFilter filter, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = $"%{filter.Search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            query = query.Where(u => EF.Functions.ILike(u.DisplayName, pattern) || EF.Functions.ILike(u.Email!, pattern));
        }
        if (filter.DepartmentId is { } d) query = query.Where(u => u.DepartmentId == d);
        if (filter.PartnerId is { } p) query = query.Where(u => u.PartnerId == p);
        var page = await query.OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Skip(Math.Max(0, filter.Skip)).Take(Math.Clamp(filter.Take, 1, 500)).ToListAsync(ct);
        var ids = page.Select(u => u.Id).ToList();
        var roleNames = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               where ids.Contains(ur.UserId)
                               select new { ur.UserId, r.Name }).ToListAsync(ct);
        return page.Select(u => new UserInfo(u.Id, u.UserName!, u.DisplayName, u.Email, u.DepartmentId, u.ManagerId,
            u.PartnerId, u.IsDisabled,
            roleNames.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList())).ToList();
    }

    public async Task<Guid> CreatePartnerAsync(NewPartner partner, CancellationToken ct)
    {
        var entity = new Partner { Id = Guid.CreateVersion7(time.GetUtcNow()), Name = "", Code = "" };
        await ApplyPartnerAsync(entity, partner, ct);
        db.Partners.Add(entity);
        await db.SaveChangesAsync(ct);
        return entity.Id;
    }

    public async Task UpdatePartnerAsync(Guid partnerId, NewPartner partner, CancellationToken ct)
    {
        var entity = await RequirePartnerAsync(partnerId, ct);
        await ApplyPartnerAsync(entity, partner, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task AddUserToPartnerAsync(Guid userId, Guid partnerId, CancellationToken ct)
    {
        var user = await RequireUserAsync(userId, ct);
        await RequirePartnerAsync(partnerId, ct);
        if (user.PartnerId == partnerId) return;
        if (user.PartnerId is { } current)
        {
            var other = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == current, ct);
            throw OrgErrors.PartnerConflict(user.DisplayName, other.Name);
        }
        user.PartnerId = partnerId;
        Check(await users.UpdateAsync(user));
    }

    public async Task RemoveUserFromPartnerAsync(Guid userId, CancellationToken ct)
    {
        var user = await RequireUserAsync(userId, ct);
        user.PartnerId = null;
        Check(await users.UpdateAsync(user));
    }

    public async Task<IReadOnlyList<PartnerInfo>> ListPartnersAsync(CancellationToken ct) =>
        await db.Partners.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new PartnerInfo(p.Id, p.Name, p.Code, p.Tier, p.Region, p.ManagerUserId, p.IsActive))
            .ToListAsync(ct);

    public async Task<Guid> CreateRoleAsync(string name, string displayName, CancellationToken ct)
    {
        name = name.Trim();
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw OrgErrors.RoleInvalid();
        var role = new PlatformRole
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Name = name,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim(),
        };
        Check(await roles.CreateAsync(role));
        return role.Id;
    }

    public async Task AssignRoleAsync(Guid userId, string role, CancellationToken ct)
    {
        var user = await RequireUserAsync(userId, ct);
        await RequireRoleAsync(role);
        if (await users.IsInRoleAsync(user, role)) return;
        Check(await users.AddToRoleAsync(user, role));
    }

    public async Task RemoveRoleAsync(Guid userId, string role, CancellationToken ct)
    {
        var user = await RequireUserAsync(userId, ct);
        await RequireRoleAsync(role);
        if (!await users.IsInRoleAsync(user, role)) return;
        Check(await users.RemoveFromRoleAsync(user, role));
    }

    public async Task<IReadOnlyList<RoleInfo>> ListRolesAsync(CancellationToken ct) =>
        await db.Roles.AsNoTracking().OrderBy(r => r.Name)
            .Select(r => new RoleInfo(r.Id, r.Name!, r.DisplayName)).ToListAsync(ct);

    private async Task ApplyPartnerAsync(Partner entity, NewPartner partner, CancellationToken ct)
    {
        var code = partner.Code.Trim();
        var name = partner.Name.Trim();
        if (name.Length is 0 or > 200 || code.Length is 0 or > 64 ||
            !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw OrgErrors.PartnerInvalid();
        if (await db.Partners.AnyAsync(p => p.Code == code && p.Id != entity.Id, ct))
            throw OrgErrors.PartnerCodeTaken(code);
        if (partner.ManagerUserId is { } m) await RequireUserAsync(m, ct);
        entity.Name = name;
        entity.Code = code;
        entity.Tier = partner.Tier?.Trim();
        entity.Region = partner.Region?.Trim();
        entity.ManagerUserId = partner.ManagerUserId;
        entity.IsActive = partner.IsActive;
    }

    /// <summary>True when <paramref name="userId"/> has <paramref name="bossId"/> somewhere above them.</summary>
    private async Task<bool> ReportsToAsync(Guid userId, Guid bossId, CancellationToken ct)
    {
        var seen = new HashSet<Guid>();
        Guid? current = userId;
        while (current is { } id && seen.Add(id))
        {
            if (id == bossId) return true;
            current = await db.Users.Where(u => u.Id == id).Select(u => u.ManagerId).SingleOrDefaultAsync(ct);
        }
        return false;
    }

    private async Task<PlatformUser> RequireUserAsync(Guid id, CancellationToken ct) =>
        await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw OrgErrors.UserMissing(id);

    private async Task<Partner> RequirePartnerAsync(Guid id, CancellationToken ct) =>
        await db.Partners.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw OrgErrors.PartnerMissing(id);

    private async Task RequireRoleAsync(string role)
    {
        if (!await roles.RoleExistsAsync(role)) throw OrgErrors.RoleMissing(role);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw OrgErrors.FromIdentity(result);
    }
}
