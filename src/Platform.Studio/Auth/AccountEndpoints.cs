using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Platform.Core.Identity;

namespace Platform.Studio.Auth;

/// <summary>
/// Cookie sign-in and sign-out as plain HTTP form posts: an interactive Blazor circuit cannot set cookies.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Account");
        account.MapPost("/signin", SignInAsync).AllowAnonymous();
        account.MapPost("/signout", (Delegate)SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
        account.MapPost("/password", PasswordChange.ChangeAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        HttpContext http, IPasswordSignIn signIn, IUserClaimsPrincipalFactory<PlatformUser> principals)
    {
        var target = SafeReturnUrl(returnUrl);
        var check = await signIn.CheckAsync(email ?? "", password ?? "", http.RequestAborted);
        if (!check.Succeeded)
        {
            var error = check.Status switch
            {
                PasswordCheckStatus.LockedOut => "locked",
                PasswordCheckStatus.Disabled => "disabled",
                _ => "invalid",
            };
            var query = QueryString.Create(new Dictionary<string, string?> { ["error"] = error, ["email"] = email, ["returnUrl"] = target });
            return Results.Redirect(StudioAuthentication.SignInPath + query);
        }

        var principal = await principals.CreateAsync(check.User!);
        await http.SignInAsync(StudioAuthentication.CookieScheme, principal,
            new AuthenticationProperties { IsPersistent = true });
        return Results.Redirect(target);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(StudioAuthentication.CookieScheme);
        return Results.Redirect(StudioAuthentication.SignInPath);
    }

    /// <summary>Only local paths, so the form cannot be used to bounce users to another site.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl
            : "/";
}
