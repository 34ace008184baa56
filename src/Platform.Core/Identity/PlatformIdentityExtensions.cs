using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Core.Database;
using Platform.Core.Organization;

namespace Platform.Core.Identity;

public static class PlatformIdentityExtensions
{
    /// <summary>Scheme name of personal API token authentication.</summary>
    public const string ApiTokenScheme = "ApiToken";

    /// <summary>
    /// Registers users, roles, departments, partners and API tokens (schema <c>identity</c>, migrated first),
    /// the organisation directory and admin service, and the user context resolver.
    /// </summary>
    public static IServiceCollection AddPlatformIdentity(this IServiceCollection services)
    {
        services.AddPlatformDbContext<IdentityDb>(IdentityDb.Schema, order: 0);
        services.TryAddSingleton(TimeProvider.System);
        // Password-reset tokens are protected; the Studio persists the keys, tests keep them in memory.
        services.AddDataProtection();
        services.AddIdentityCore<PlatformUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Chinese names are common user names; any character is allowed.
                o.User.AllowedUserNameCharacters = "";
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<PlatformRole>()
            .AddEntityFrameworkStores<IdentityDb>()
            .AddDefaultTokenProviders();
        services.TryAddScoped<IPasswordSignIn, PasswordSignIn>();
        services.TryAddScoped<IApiTokens, ApiTokenService>();
        services.TryAddScoped<IAuditLog, AuditLog>();
        services.TryAddScoped<IOrganizationAdmin, OrganizationAdmin>();
        services.TryAddScoped<IFirstAdministrator, FirstAdministrator>();
        services.TryAddSingleton<IOrgDirectory, OrgDirectory>();
        services.TryAddSingleton<IUserContextResolver, UserContextResolver>();
        return services;
    }

    /// <summary>Adds the <c>Authorization: Bearer plt_…</c> scheme.</summary>
    public static AuthenticationBuilder AddPlatformApiTokens(this AuthenticationBuilder builder) =>
        builder.AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenScheme, "API token", null);
}
