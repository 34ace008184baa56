using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Core.Tests.Identity;

namespace Platform.Core.Tests.Organization;

public sealed class RoleTests(IdentityFixture db) : IClassFixture<IdentityFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private async Task EnsureRoleAsync(string name)
    {
        var existing = await db.InScopeAsync(sp => db.Admin(sp).ListRolesAsync(Ct));
        if (existing.All(r => r.Name != name))
            await db.InScopeAsync(sp => db.Admin(sp).CreateRoleAsync(name, name, Ct));
    }

    [Fact]
    public async Task A_user_holds_several_roles_and_is_listed_under_each()
    {
        await EnsureRoleAsync("sales");
        await EnsureRoleAsync("channel-manager");
        var user = await db.CreateUserAsync("multi", roles: ["sales", "channel-manager"]);
        var directory = db.Services.GetRequiredService<IOrgDirectory>();

        var context = await directory.GetUserContextAsync(user, Ct);

        Assert.Equal(["channel-manager", "sales"], context!.Roles.Order());
        Assert.False(context.IsAdministrator);
        Assert.Contains(await directory.GetUsersInRoleAsync("SALES", Ct), u => u.Id == user);

        await db.InScopeAsync(sp => db.Admin(sp).RemoveRoleAsync(user, "sales", Ct));
        Assert.DoesNotContain(await directory.GetUsersInRoleAsync("sales", Ct), u => u.Id == user);
    }

    [Fact]
    public async Task The_admin_role_makes_an_administrator_through_the_resolver()
    {
        await EnsureRoleAsync(PlatformRole.Administrator);
        var user = await db.CreateUserAsync("root-user");
        var resolver = db.Services.GetRequiredService<IUserContextResolver>();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.ToString())], "test"));

        Assert.False((await resolver.ResolveAsync(principal, Ct))!.IsAdministrator);
        await db.InScopeAsync(sp => db.Admin(sp).AssignRoleAsync(user, PlatformRole.Administrator, Ct));
        Assert.True((await resolver.ResolveAsync(principal, Ct))!.IsAdministrator);
    }

    [Fact]
    public async Task Resolver_refuses_anonymous_and_disabled_principals()
    {
        var user = await db.CreateUserAsync("soon-gone");
        var resolver = db.Services.GetRequiredService<IUserContextResolver>();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.ToString())], "test"));

        Assert.Null(await resolver.ResolveAsync(new ClaimsPrincipal(new ClaimsIdentity()), Ct));
        Assert.NotNull(await resolver.ResolveAsync(principal, Ct));
        await db.InScopeAsync(sp => db.Admin(sp).SetDisabledAsync(user, true, Ct));
        Assert.Null(await resolver.ResolveAsync(principal, Ct));
    }

    [Fact]
    public async Task Unknown_role_and_invalid_role_names_are_refused()
    {
        var user = await db.CreateUserAsync("plain");
        var missing = await Assert.ThrowsAsync<OrganizationException>(() =>
            db.InScopeAsync(sp => db.Admin(sp).AssignRoleAsync(user, "no-such-role", Ct)));
        var invalid = await Assert.ThrowsAsync<OrganizationException>(() =>
            db.InScopeAsync(sp => db.Admin(sp).CreateRoleAsync("has space", "x", Ct)));
        Assert.Equal("role.missing", missing.Code);
        Assert.Equal("role.invalid", invalid.Code);
    }

    [Fact]
    public async Task Duplicate_email_is_refused_in_both_languages()
    {
        await db.InScopeAsync(sp => db.Admin(sp).CreateUserAsync(new NewUser("same@example.com", "One", "Secret-pass-1"), Ct));
        var error = await Assert.ThrowsAsync<OrganizationException>(() => db.InScopeAsync(sp =>
            db.Admin(sp).CreateUserAsync(new NewUser("same@example.com", "Two", "Secret-pass-1", UserName: "two"), Ct)));
        Assert.Equal("identity.DuplicateEmail", error.Code);
        Assert.Contains("邮箱", error.MessageZh);
    }
}
