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

    public async Task<InvitedUser> InviteUserAsync(NewInvite invite, CancellationToken ct)
    {
        var password = PasswordGenerator.Generate();
        var id = await CreateUserAsync(new NewUser(invite.Email, invite.DisplayName, password, invite.DepartmentId,
            invite.ManagerId, invite.PartnerId, invite.Roles), ct);
        return new InvitedUser(id, password);
    }

    public async Task<string> ResetToGeneratedPasswordAsync(Guid userId, CancellationToken ct)
    {
        var password = PasswordGenerator.Generate();
        await ResetPasswordAsync(userId, password, ct);
        return password;
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
        if (disabled && !user.IsDisabled && await IsLastAdministratorAsync(user, ct)) throw OrgErrors.LastAdministrator();
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
        var page = await Filter(filter).OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Skip(Math.Max(0, filter.Skip)).Take(Math.Clamp(filter.Take, 1, 500)).ToListAsync(ct);
        return await ToInfoAsync(page, ct);
    }

    public Task<int> CountUsersAsync(UserFilter filter, CancellationToken ct) => Filter(filter).CountAsync(ct);

    public async Task<UserInfo?> GetUserAsync(Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct);
        return user is null ? null : (await ToInfoAsync([user], ct))[0];
    }

    private IQueryable<PlatformUser> Filter(UserFilter filter)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = $"%{filter.Search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            query = query.Where(u => EF.Functions.ILike(u.DisplayName, pattern) || EF.Functions.ILike(u.Email!, pattern)
                || EF.Functions.ILike(u.UserName!, pattern));
        }
        if (filter.DepartmentId is { } d) query = query.Where(u => u.DepartmentId == d);
        if (filter.PartnerId is { } p) query = query.Where(u => u.PartnerId == p);
        if (filter.Disabled is { } disabled) query = query.Where(u => u.IsDisabled == disabled);
        if (!string.IsNullOrWhiteSpace(filter.Role))
        {
            var role = filter.Role.Trim();
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
        }
        return query;
    }

    private async Task<IReadOnlyList<UserInfo>> ToInfoAsync(IReadOnlyList<PlatformUser> page, CancellationToken ct)
    {
        var ids = page.Select(u => u.Id).ToList();
        var roleNames = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               where ids.Contains(ur.UserId)
                               select new { ur.UserId, r.Name }).ToListAsync(ct);
        var now = time.GetUtcNow();
        return page.Select(u => new UserInfo(u.Id, u.UserName!, u.DisplayName, u.Email, u.DepartmentId, u.ManagerId,
            u.PartnerId, u.IsDisabled,
            roleNames.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList())
        {
            LockedOutUntil = u.LockoutEnd > now ? u.LockoutEnd : null,
        }).ToList();
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
        if (role == PlatformRole.Administrator && await IsLastAdministratorAsync(user, ct)) throw OrgErrors.LastAdministrator();
        Check(await users.RemoveFromRoleAsync(user, role));
    }

    public async Task SetRolesAsync(Guid userId, IReadOnlyCollection<string> roleNames, CancellationToken ct)
    {
        var user = await RequireUserAsync(userId, ct);
        var wanted = roleNames.Select(r => r.Trim()).Where(r => r.Length > 0).ToHashSet(StringComparer.Ordinal);
        foreach (var role in wanted) await RequireRoleAsync(role);
        var current = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
        if (current.Contains(PlatformRole.Administrator) && !wanted.Contains(PlatformRole.Administrator)
            && await IsLastAdministratorAsync(user, ct))
            throw OrgErrors.LastAdministrator();
        var remove = current.Except(wanted).ToList();
        var add = wanted.Except(current).ToList();
        if (remove.Count > 0) Check(await users.RemoveFromRolesAsync(user, remove));
        if (add.Count > 0) Check(await users.AddToRolesAsync(user, add));
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

    /// <summary>True when <paramref name="user"/> is an active administrator and no other active one exists.</summary>
    private async Task<bool> IsLastAdministratorAsync(PlatformUser user, CancellationToken ct)
    {
        var admins = await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            join u in db.Users on ur.UserId equals u.Id
                            where r.Name == PlatformRole.Administrator && !u.IsDisabled
                            select u.Id).ToListAsync(ct);
        return admins.Contains(user.Id) && admins.Count == 1;
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
