using Microsoft.AspNetCore.Authentication.Cookies;
using Platform.Core.Identity;
using Platform.Studio.Auth;
using Platform.Studio.Localization;

namespace Platform.Studio.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>The admin pages' services and the <see cref="AdminPolicy"/> authorization policy.</summary>
    public static IServiceCollection AddStudioAdmin(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy.Name, p => p.RequireAuthenticatedUser().RequireRole(PlatformRole.Administrator));
        // A signed-in user without the role gets the access-denied page, not the sign-in form again.
        services.PostConfigure<CookieAuthenticationOptions>(StudioAuthentication.CookieScheme, o => o.AccessDeniedPath = AccessDeniedPath);
        services.AddSingleton<IStudioTextSource, AdminTexts>();
        services.AddSingleton<AdminScope>();
        services.AddSingleton<TemplateCatalog>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<OrganizationAdministration>();
        services.AddSingleton<PermissionMatrix>();
        services.AddSingleton<IncidentAdministration>();
        services.AddSingleton<AppAdministration>();
        services.AddSingleton<AuditAdministration>();
        services.AddSingleton<TokenAdministration>();
        return services;
    }

    public const string AccessDeniedPath = "/forbidden";
}
