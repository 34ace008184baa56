using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Organization;

namespace Platform.Core.Identity;

/// <summary>What happened when the first administrator was ensured.</summary>
/// <param name="GeneratedPassword">Set only when an administrator was created with a generated password; show it once.</param>
public sealed record FirstAdministratorResult(bool Created, string Email, string? GeneratedPassword);

/// <summary>Creates the <c>admin</c> role and, when nobody holds it yet, the first administrator.</summary>
public interface IFirstAdministrator
{
    Task<FirstAdministratorResult> EnsureAsync(string? email, string? password, CancellationToken ct);
}

internal sealed class FirstAdministrator(
    IdentityDb db, RoleManager<PlatformRole> roles, IOrganizationAdmin admin) : IFirstAdministrator
{
    public const string DefaultEmail = "admin@localhost";

    public async Task<FirstAdministratorResult> EnsureAsync(string? email, string? password, CancellationToken ct)
    {
        if (!await roles.RoleExistsAsync(PlatformRole.Administrator))
            await admin.CreateRoleAsync(PlatformRole.Administrator, "管理员 / Administrator", ct);

        var existing = await (from ur in db.UserRoles
                              join r in db.Roles on ur.RoleId equals r.Id
                              join u in db.Users on ur.UserId equals u.Id
                              where r.Name == PlatformRole.Administrator
                              orderby u.CreatedAt
                              select u.Email).FirstOrDefaultAsync(ct);
        if (existing is not null) return new(false, existing, null);

        email = string.IsNullOrWhiteSpace(email) ? DefaultEmail : email.Trim();
        var generated = string.IsNullOrEmpty(password) ? PasswordGenerator.Generate(20) : null;
        await admin.CreateUserAsync(new NewUser(email, "管理员", password ?? generated!,
            Roles: [PlatformRole.Administrator]), ct);
        return new(true, email, generated);
    }
}
