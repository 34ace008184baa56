using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Studio.Admin;
using Platform.Studio.Localization;
using Platform.Studio.Runtime;
using Platform.Studio.Tests.Components;

namespace Platform.Studio.Tests.Admin;

/// <summary>bUnit with the admin services of a real database (<see cref="AdminFixture"/>), signed in as its administrator.</summary>
public abstract class AdminComponentContext : StudioComponentContext
{
    protected AdminComponentContext(AdminFixture fixture, string culture = StudioCultures.Chinese) : base(culture)
    {
        Fixture = fixture;
        Services.AddSingleton<IStudioTextSource, AdminTexts>();
        Services.AddSingleton(fixture.Get<IUserContextResolver>());
        Services.AddScoped<CurrentUser>();
        Services.AddSingleton(fixture.Get<UserAdministration>());
        Services.AddSingleton(fixture.Get<OrganizationAdministration>());
        Services.AddSingleton(fixture.Get<PermissionMatrix>());
        Services.AddSingleton(fixture.Get<IncidentAdministration>());
        Services.AddSingleton(fixture.Get<AppAdministration>());
        Services.AddSingleton(fixture.Get<AuditAdministration>());
        Services.AddSingleton(fixture.Get<TokenAdministration>());
        Services.AddSingleton(new OrgNames(fixture.Get<Npgsql.NpgsqlDataSource>()));
        SignInAs(fixture.Admin);
    }

    protected AdminFixture Fixture { get; }

    protected void SignInAs(UserContext user)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(user.UserName);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.UserId.ToString()));
        if (user.IsAdministrator) auth.SetPolicies(AdminPolicy.Name);
    }
}
