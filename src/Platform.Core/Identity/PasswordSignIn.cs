using Microsoft.AspNetCore.Identity;

namespace Platform.Core.Identity;

public enum PasswordCheckStatus { Succeeded, InvalidCredentials, LockedOut, Disabled }

/// <summary>The outcome of checking an e-mail (or user name) and password.</summary>
public sealed record PasswordCheck(PasswordCheckStatus Status, PlatformUser? User, DateTimeOffset? LockedOutUntil)
{
    public bool Succeeded => Status == PasswordCheckStatus.Succeeded;
}

/// <summary>
/// Checks credentials with lockout, for the cookie sign-in form and the token endpoint alike.
/// Unknown users and wrong passwords give the same answer so callers cannot probe for accounts.
/// </summary>
public interface IPasswordSignIn
{
    Task<PasswordCheck> CheckAsync(string login, string password, CancellationToken ct);
}

internal sealed class PasswordSignIn(UserManager<PlatformUser> users, IAuditLog audit) : IPasswordSignIn
{
    public async Task<PasswordCheck> CheckAsync(string login, string password, CancellationToken ct)
    {
        var check = await CheckCoreAsync(login, password, ct);
        // Every attempt is audited, failures too: repeated failures are what an administrator looks for.
        var action = "signin." + check.Status switch
        {
            PasswordCheckStatus.Succeeded => "succeeded",
            PasswordCheckStatus.LockedOut => "locked_out",
            PasswordCheckStatus.Disabled => "disabled",
            _ => "failed",
        };
        var user = check.User;
        await audit.WriteAsync(new AuditEvent(user?.Id, user?.DisplayName ?? login.Trim(), action, login.Trim()), ct);
        return check;
    }

    private async Task<PasswordCheck> CheckCoreAsync(string login, string password, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        login = login.Trim();
        var user = await users.FindByEmailAsync(login) ?? await users.FindByNameAsync(login);
        if (user is null || string.IsNullOrEmpty(password)) return new(PasswordCheckStatus.InvalidCredentials, null, null);

        if (await users.IsLockedOutAsync(user))
            return new(PasswordCheckStatus.LockedOut, user, user.LockoutEnd);

        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            return await users.IsLockedOutAsync(user)
                ? new(PasswordCheckStatus.LockedOut, user, user.LockoutEnd)
                : new(PasswordCheckStatus.InvalidCredentials, null, null);
        }

        // Disabled is only revealed to someone who knows the password.
        if (user.IsDisabled) return new(PasswordCheckStatus.Disabled, user, null);
        await users.ResetAccessFailedCountAsync(user);
        return new(PasswordCheckStatus.Succeeded, user, null);
    }
}
