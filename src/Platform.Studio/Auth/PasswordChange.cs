using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Platform.Core.Identity;

namespace Platform.Studio.Auth;

/// <summary>
/// A password an administrator chose (an invitation or a reset) must be replaced by the user at the first sign-in,
/// before anything else. The requirement is a user claim, so it travels in the sign-in cookie; the gate sends every
/// page to the change form and answers 403 on the API until the user has set their own password.
/// </summary>
public static class PasswordChange
{
    public const string ClaimType = "platform:password_change_required";
    public const string PagePath = "/account/password";

    /// <summary>Marks the user; called in the same scope as the invitation or reset that set the password.</summary>
    public static async Task RequireAsync(IServiceProvider services, Guid userId)
    {
        var users = services.GetRequiredService<UserManager<PlatformUser>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException($"User {userId} not found.");
        if ((await users.GetClaimsAsync(user)).Any(c => c.Type == ClaimType)) return;
        Check(await users.AddClaimAsync(user, new Claim(ClaimType, "1")));
    }

    public static async Task<bool> IsRequiredAsync(IServiceProvider services, Guid userId)
    {
        var users = services.GetRequiredService<UserManager<PlatformUser>>();
        return await users.FindByIdAsync(userId.ToString()) is { } user && (await users.GetClaimsAsync(user)).Any(c => c.Type == ClaimType);
    }

    public static bool IsRequired(ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == ClaimType);

    /// <summary>Between authentication and the endpoints: nothing but the change form, sign-out and static files.</summary>
    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.Identity?.IsAuthenticated != true || !IsRequired(http.User) || Allowed(http.Request.Path))
        {
            await next(http);
            return;
        }
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Password change required / 须先修改密码",
                detail: "Set a new password at /account/password before using the platform. / 请先在 /account/password 设置新密码。").ExecuteAsync(http);
            return;
        }
        var back = http.Request.Path + http.Request.QueryString;
        http.Response.Redirect(PagePath + QueryString.Create("returnUrl", back.ToString()));
    });

    private static bool Allowed(PathString path) =>
        path.StartsWithSegments(PagePath) || path.StartsWithSegments("/account/signout") || path.StartsWithSegments("/_framework")
        || path.StartsWithSegments("/_content") || path.StartsWithSegments("/lib") || path.StartsWithSegments("/css")
        || path.StartsWithSegments("/culture") || path.Value is { } v && (v.EndsWith(".css", StringComparison.Ordinal) || v.EndsWith(".js", StringComparison.Ordinal) || v.EndsWith(".ico", StringComparison.Ordinal) || v.EndsWith(".png", StringComparison.Ordinal));

    /// <summary>The form's post: the current (one-time) password, the new one twice; on success a fresh session without the requirement.</summary>
    internal static async Task<IResult> ChangeAsync(
        [FromForm] string? current, [FromForm] string? password, [FromForm] string? confirm, [FromForm] string? returnUrl,
        HttpContext http, UserManager<PlatformUser> users, IUserClaimsPrincipalFactory<PlatformUser> principals)
    {
        var target = AccountEndpoints.SafeReturnUrl(returnUrl);
        IResult Fail(string error) => Results.Redirect(PagePath + QueryString.Create(new Dictionary<string, string?> { ["error"] = error, ["returnUrl"] = target }));

        if (await users.GetUserAsync(http.User) is not { } user) return Results.Redirect(StudioAuthentication.SignInPath);
        if (string.IsNullOrEmpty(password) || password != confirm) return Fail("mismatch");
        if (password == current) return Fail("same");
        var changed = await users.ChangePasswordAsync(user, current ?? "", password);
        if (!changed.Succeeded)
            return Fail(changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)) ? "current" : "weak");
        var claims = (await users.GetClaimsAsync(user)).Where(c => c.Type == ClaimType).ToList();
        if (claims.Count > 0) Check(await users.RemoveClaimsAsync(user, claims));
        // The password change renewed the security stamp, so the old cookie is stale: sign in again with a fresh one.
        await http.SignInAsync(StudioAuthentication.CookieScheme, await principals.CreateAsync(user), new AuthenticationProperties { IsPersistent = true });
        return Results.Redirect(target == PagePath ? "/" : target);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
