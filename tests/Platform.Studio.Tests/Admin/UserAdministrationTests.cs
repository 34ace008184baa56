using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Studio.Admin;

namespace Platform.Studio.Tests.Admin;

public sealed class UserAdministrationTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private UserAdministration Users => fixture.Get<UserAdministration>();

    private Task<PasswordCheck> SignInAsync(string login, string password) =>
        fixture.InScopeAsync(sp => sp.GetRequiredService<IPasswordSignIn>().CheckAsync(login, password, Ct));

    [Fact]
    public async Task An_invited_partner_user_signs_in_with_the_password_shown_once_and_the_invite_and_sign_in_are_audited()
    {
        var org = fixture.Get<OrganizationAdministration>();
        await org.CreateRoleAsync(fixture.Admin, "partner_sales", "伙伴销售", Ct);
        var partner = await org.CreatePartnerAsync(fixture.Admin, new NewPartner("华东金牌伙伴", "P-INV", "gold", "east"), Ct);

        var invited = await Users.InviteAsync(fixture.Admin, new NewInvite("wang@p-inv.cn", "王伙伴", PartnerId: partner, Roles: ["partner_sales"]), Ct);

        Assert.True(invited.Password.Length >= 12);
        var check = await SignInAsync("wang@p-inv.cn", invited.Password);
        Assert.Equal(PasswordCheckStatus.Succeeded, check.Status);
        var user = (await fixture.ContextOfAsync(invited.UserId))!;
        Assert.Equal(partner, user.PartnerId);
        Assert.Contains("partner_sales", user.Roles);

        var audit = await fixture.AuditAsync(new AuditQuery(Text: "wang@p-inv.cn"));
        var actions = audit.Items.Select(e => e.Action).ToList();
        Assert.Contains("user.invited", actions);
        Assert.Contains("signin.succeeded", actions);
        var invite = audit.Items.Single(e => e.Action == "user.invited");
        Assert.Equal(fixture.Admin.UserId, invite.ActorId);
        Assert.DoesNotContain(invited.Password, invite.Details ?? "");
    }

    [Fact]
    public async Task A_disabled_user_is_refused_at_sign_in_and_with_tokens_until_enabled_again()
    {
        var user = await fixture.CreateUserAsync("disabled-me@example.com");
        var token = await fixture.InScopeAsync(sp => sp.GetRequiredService<IApiTokens>().CreateAsync(user.UserId, "script", 30, Ct));
        var info = (await Users.ListAsync(fixture.Admin, new UserFilter("disabled-me@"), Ct)).Items.Single();

        await Users.SetDisabledAsync(fixture.Admin, info, true, Ct);

        Assert.Equal(PasswordCheckStatus.Disabled, (await SignInAsync("disabled-me@example.com", "Passw0rd-x")).Status);
        var validation = await fixture.InScopeAsync(sp => sp.GetRequiredService<IApiTokens>().ValidateAsync(token.Secret, Ct));
        Assert.Equal(ApiTokenStatus.UserDisabled, validation.Status);
        Assert.Null(await fixture.Get<IUserContextResolver>().ResolveAsync(Principal(user.UserId), Ct));
        Assert.True((await Users.ListAsync(fixture.Admin, new UserFilter("disabled-me@", Disabled: true), Ct)).Items.Single().IsDisabled);

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await Users.SetDisabledAsync(fixture.Admin, info with { IsDisabled = true }, false, Ct);
        Assert.Equal(PasswordCheckStatus.Succeeded, (await SignInAsync("disabled-me@example.com", "Passw0rd-x")).Status);
        Assert.Equal(ApiTokenStatus.Valid, (await fixture.InScopeAsync(sp => sp.GetRequiredService<IApiTokens>().ValidateAsync(token.Secret, Ct))).Status);
        var actions = (await fixture.AuditAsync(new AuditQuery("user", Text: "disabled-me@"))).Items.Select(e => e.Action).ToList();
        Assert.Equal(["user.enabled", "user.disabled"], actions);
    }

    [Fact]
    public async Task Resetting_a_password_replaces_the_old_one_and_lifts_a_lockout()
    {
        await fixture.CreateUserAsync("locked@example.com");
        for (var i = 0; i < 5; i++) await SignInAsync("locked@example.com", "wrong-password");
        var info = (await Users.ListAsync(fixture.Admin, new UserFilter("locked@"), Ct)).Items.Single();
        Assert.NotNull(info.LockedOutUntil);

        var password = await Users.ResetPasswordAsync(fixture.Admin, info, Ct);

        Assert.Equal(PasswordCheckStatus.Succeeded, (await SignInAsync("locked@example.com", password)).Status);
        Assert.Equal(PasswordCheckStatus.InvalidCredentials, (await SignInAsync("locked@example.com", "Passw0rd-x")).Status);
        Assert.Contains((await fixture.AuditAsync(new AuditQuery("user", Text: "locked@"))).Items, e => e.Action == "user.password_reset");
        Assert.Contains((await fixture.AuditAsync(new AuditQuery("signin", Text: "locked@"))).Items, e => e.Action == "signin.locked_out");
    }

    [Fact]
    public async Task Editing_sets_department_roles_and_moves_the_user_to_another_partner()
    {
        var org = fixture.Get<OrganizationAdministration>();
        await org.CreateRoleAsync(fixture.Admin, "channel_manager", "渠道经理", Ct);
        await org.CreateRoleAsync(fixture.Admin, "auditor", "审计员", Ct);
        var east = await org.CreateDepartmentAsync(fixture.Admin, new NewDepartment("华东大区"), Ct);
        var p1 = await org.CreatePartnerAsync(fixture.Admin, new NewPartner("伙伴甲", "P-EDIT-1"), Ct);
        var p2 = await org.CreatePartnerAsync(fixture.Admin, new NewPartner("伙伴乙", "P-EDIT-2"), Ct);
        var user = await fixture.CreateUserAsync("edit-me@example.com", ["auditor"], p1);

        await Users.UpdateAsync(fixture.Admin, user.UserId, new UserChanges("李编辑", "edit-me@example.com", east, p2, ["channel_manager"]), Ct);

        var after = (await fixture.ContextOfAsync(user.UserId))!;
        Assert.Equal("李编辑", after.DisplayName);
        Assert.Equal(east, after.DepartmentId);
        Assert.Equal(p2, after.PartnerId);
        Assert.Equal(["channel_manager"], after.Roles.Order());
        var entry = (await fixture.AuditAsync(new AuditQuery("user", Text: "edit-me@"))).Items.Single(e => e.Action == "user.updated");
        Assert.Contains("roles: auditor → channel_manager", entry.Details);
        Assert.Contains($"partner: {p1} → {p2}", entry.Details);
    }

    [Fact]
    public async Task The_last_administrator_cannot_be_disabled_or_lose_the_role_and_nobody_disables_themself()
    {
        var me = (await Users.ListAsync(fixture.Admin, new UserFilter(Role: PlatformRole.Administrator), Ct)).Items;
        var admin = Assert.Single(me);

        var self = await Assert.ThrowsAsync<OrganizationException>(() => Users.SetDisabledAsync(fixture.Admin, admin, true, Ct));
        Assert.Equal("user.disable_self", self.Code);
        var last = await Assert.ThrowsAsync<OrganizationException>(() =>
            Users.UpdateAsync(fixture.Admin, admin.Id, new UserChanges(admin.DisplayName, admin.Email!, null, null, []), Ct));
        Assert.Equal("user.last_admin", last.Code);
        Assert.Contains("管理员", last.MessageZh);
        Assert.Contains(PlatformRole.Administrator, (await fixture.ContextOfAsync(admin.Id))!.Roles);
    }

    [Fact]
    public async Task Someone_without_the_administrator_role_is_refused_by_every_admin_service_and_nothing_changes()
    {
        var sales = await fixture.CreateUserAsync("not-admin@example.com", []);
        await fixture.CreateUserAsync("victim@example.com", []);
        var victim = (await Users.ListAsync(fixture.Admin, new UserFilter("victim@"), Ct)).Items.Single();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Users.ListAsync(sales, new UserFilter(), Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Users.InviteAsync(sales, new NewInvite("sneaky@example.com", "x"), Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Users.SetDisabledAsync(sales, victim, true, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => fixture.Get<OrganizationAdministration>().CreateRoleAsync(sales, "hacker", "x", Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => fixture.Get<PermissionMatrix>().ReadAsync(sales, "sales", Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => fixture.Get<AuditAdministration>().QueryAsync(sales, new AuditQuery(), Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => fixture.Get<IncidentAdministration>().ListOpenAsync(sales, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => fixture.Get<AppAdministration>().ExportZipAsync(sales, "any", Ct));

        Assert.Empty((await Users.ListAsync(fixture.Admin, new UserFilter("sneaky@"), Ct)).Items);
        Assert.False((await Users.ListAsync(fixture.Admin, new UserFilter("victim@"), Ct)).Items.Single().IsDisabled);
        Assert.Empty((await fixture.AuditAsync(new Platform.Core.Identity.AuditQuery(ActorId: sales.UserId))).Items);
    }

    [Fact]
    public async Task The_user_list_searches_filters_by_role_and_partner_and_counts_every_match()
    {
        var partner = await fixture.Get<OrganizationAdministration>().CreatePartnerAsync(fixture.Admin, new NewPartner("列表伙伴", "P-LIST"), Ct);
        for (var i = 0; i < 3; i++) await fixture.CreateUserAsync($"lister{i}@list.cn", partnerId: partner);
        await fixture.CreateUserAsync("lister-internal@list.cn");

        var page = await Users.ListAsync(fixture.Admin, new UserFilter("@list.cn", Take: 2), Ct);
        Assert.Equal(4, page.Total);
        Assert.Equal(2, page.Items.Count);
        var ofPartner = await Users.ListAsync(fixture.Admin, new UserFilter(PartnerId: partner), Ct);
        Assert.Equal(3, ofPartner.Total);
        Assert.All(ofPartner.Items, u => Assert.Equal(partner, u.PartnerId));
    }

    private static System.Security.Claims.ClaimsPrincipal Principal(Guid userId) =>
        new(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, userId.ToString())], "test"));
}
