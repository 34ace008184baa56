using Platform.Core.Identity;
using Platform.Core.Organization;

namespace Platform.Studio.Admin;

/// <summary>A page of users and the total for the pager.</summary>
public sealed record UserPage(IReadOnlyList<UserInfo> Items, int Total);

/// <summary>What the admin sets on a user in the edit panel.</summary>
public sealed record UserChanges(string DisplayName, string Email, Guid? DepartmentId, Guid? PartnerId, IReadOnlyCollection<string> Roles);

/// <summary>Users for administrators: list, invite, edit, disable, reset password. Every change is audited.</summary>
public sealed class UserAdministration(AdminScope admin)
{
    public Task<UserPage> ListAsync(UserContext actor, UserFilter filter, CancellationToken ct) =>
        admin.ReadAsync(actor, async sp =>
        {
            var org = sp.GetRequiredService<IOrganizationAdmin>();
            return new UserPage(await org.ListUsersAsync(filter, ct), await org.CountUsersAsync(filter, ct));
        });

    public Task<UserInfo?> GetAsync(UserContext actor, Guid userId, CancellationToken ct) =>
        admin.ReadAsync(actor, sp => sp.GetRequiredService<IOrganizationAdmin>().GetUserAsync(userId, ct));

    public Task<InvitedUser> InviteAsync(UserContext actor, NewInvite invite, CancellationToken ct) =>
        admin.RunAsync(actor, async sp =>
            {
                var invited = await sp.GetRequiredService<IOrganizationAdmin>().InviteUserAsync(invite, ct);
                await Auth.PasswordChange.RequireAsync(sp, invited.UserId);
                return invited;
            },
            invited => AdminScope.Event(actor, "user.invited", invite.Email,
                $"roles: {string.Join(", ", invite.Roles ?? [])}; partner: {invite.PartnerId?.ToString() ?? "-"}; department: {invite.DepartmentId?.ToString() ?? "-"}"),
            ct);

    /// <summary>Applies name, e-mail, department, partner and roles; the partner changes only when it differs.</summary>
    public Task UpdateAsync(UserContext actor, Guid userId, UserChanges changes, CancellationToken ct) =>
        admin.RunAsync(actor, async sp =>
        {
            var org = sp.GetRequiredService<IOrganizationAdmin>();
            var before = await org.GetUserAsync(userId, ct) ?? throw new OrganizationException("user.missing",
                $"User {userId} does not exist.", $"用户 {userId} 不存在。");
            await org.UpdateUserAsync(userId, new UserUpdate(changes.DisplayName, changes.Email, changes.DepartmentId), ct);
            if (before.PartnerId != changes.PartnerId)
            {
                if (before.PartnerId is not null) await org.RemoveUserFromPartnerAsync(userId, ct);
                if (changes.PartnerId is { } partner) await org.AddUserToPartnerAsync(userId, partner, ct);
            }
            await org.SetRolesAsync(userId, changes.Roles, ct);
            return before;
        }, before => AdminScope.Event(actor, "user.updated", changes.Email, Describe(before, changes)), ct);

    public Task SetDisabledAsync(UserContext actor, UserInfo user, bool disabled, CancellationToken ct)
    {
        AdminPolicy.Require(actor);
        if (disabled && user.Id == actor.UserId)
            throw new OrganizationException("user.disable_self", "You cannot disable your own account.", "不能停用自己的账户。");
        return admin.RunAsync(actor, sp => sp.GetRequiredService<IOrganizationAdmin>().SetDisabledAsync(user.Id, disabled, ct),
            AdminScope.Event(actor, disabled ? "user.disabled" : "user.enabled", user.Email ?? user.UserName), ct);
    }

    /// <summary>Sets a generated password, shown once to the admin; the user's open sessions end and the next sign-in must choose a new password.</summary>
    public Task<string> ResetPasswordAsync(UserContext actor, UserInfo user, CancellationToken ct) =>
        admin.RunAsync(actor, async sp =>
            {
                var password = await sp.GetRequiredService<IOrganizationAdmin>().ResetToGeneratedPasswordAsync(user.Id, ct);
                await Auth.PasswordChange.RequireAsync(sp, user.Id);
                return password;
            },
            _ => AdminScope.Event(actor, "user.password_reset", user.Email ?? user.UserName), ct);

    private static string Describe(UserInfo before, UserChanges after)
    {
        var parts = new List<string>();
        if (before.DisplayName != after.DisplayName.Trim()) parts.Add($"name: {before.DisplayName} → {after.DisplayName.Trim()}");
        if (!string.Equals(before.Email, after.Email.Trim(), StringComparison.OrdinalIgnoreCase)) parts.Add($"e-mail: {before.Email} → {after.Email.Trim()}");
        if (before.DepartmentId != after.DepartmentId) parts.Add($"department: {before.DepartmentId?.ToString() ?? "-"} → {after.DepartmentId?.ToString() ?? "-"}");
        if (before.PartnerId != after.PartnerId) parts.Add($"partner: {before.PartnerId?.ToString() ?? "-"} → {after.PartnerId?.ToString() ?? "-"}");
        var roles = after.Roles.Order(StringComparer.Ordinal).ToList();
        if (!before.Roles.SequenceEqual(roles)) parts.Add($"roles: {string.Join(", ", before.Roles)} → {string.Join(", ", roles)}");
        return parts.Count == 0 ? "no change" : string.Join("; ", parts);
    }
}
