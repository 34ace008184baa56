using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Platform.Core.Identity;

namespace Platform.Studio.Auth;

/// <summary>
/// Cookie sign-in for the Studio, personal API tokens for scripts; a policy scheme picks by the Authorization header.
/// </summary>
public static class StudioAuthentication
{
    public const string Scheme = "Platform";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string SignInPath = "/signin";

    public static IServiceCollection AddStudioAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or API token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? PlatformIdentityExtensions.ApiTokenScheme
                    : CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "platform.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = SignInPath;
                o.ReturnUrlParameter = "returnUrl";
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context => ApiAwareAsync(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiAwareAsync(context, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = RejectDisabledUsersAsync;
            })
            .AddPlatformApiTokens();
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>API callers get a status code, browsers a redirect to the sign-in page.</summary>
    private static Task ApiAwareAsync(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>A user disabled after signing in loses their session at the next request.</summary>
    private static async Task RejectDisabledUsersAsync(CookieValidatePrincipalContext context)
    {
        var resolver = context.HttpContext.RequestServices.GetRequiredService<IUserContextResolver>();
        if (context.Principal is null || await resolver.ResolveAsync(context.Principal, context.HttpContext.RequestAborted) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }
}
