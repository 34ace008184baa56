using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Studio.Admin;
using Platform.Studio.Auth;
using Platform.Studio.Runtime;

namespace Platform.Studio.Tests.Admin;

/// <summary>Every user's API tokens for administrators, the password-change requirement on invites and resets, and ids shown as names.</summary>
public sealed class TokenAndNameAdministrationTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private TokenAdministration Tokens => fixture.Get<TokenAdministration>();

    [Fact]
    public async Task An_admin_sees_every_users_tokens_with_owners_and_revokes_one_which_is_audited_and_refused_afterwards()
    {
        var alice = await fixture.CreateUserAsync($"alice-{Guid.NewGuid():N}@example.com");
        var bob = await fixture.CreateUserAsync($"bob-{Guid.NewGuid():N}@example.com");
        var aliceToken = await fixture.InScopeAsync(sp => sp.GetRequiredService<IApiTokens>().CreateAsync(alice.UserId, "alice-sync", 30, Ct));
        await fixture.InScopeAsync(sp => sp.GetRequiredService<IApiTokens>().CreateAsync(bob.UserId, "bob-report", null, Ct));
        await fixture.InScopeAsync(sp => sp.GetRequiredService<IApiTokens>().ValidateAsync(aliceToken.Secret, Ct));

        var all = await Tokens.ListAsync(fixture.Admin, null, false, 0, 200, Ct);
        var listed = Assert.Single(all.Items, t => t.Id == aliceToken.Token.Id);
        Assert.Equal(alice.DisplayName, listed.OwnerName);
        Assert.NotNull(listed.LastUsedAt);
        Assert.NotNull(listed.ExpiresAt);
        Assert.Contains(all.Items, t => t.Name == "bob-report" && t.OwnerId == bob.UserId && t.ExpiresAt is null);

        var onlyBob = await Tokens.ListAsync(fixture.Admin, bob.DisplayName, false, 0, 200, Ct);
        Assert.All(onlyBob.Items, t => Assert.Equal(bob.UserId, t.OwnerId));
        Assert.Equal(1, onlyBob.Total);

        Assert.True(await Tokens.RevokeAsync(fixture.Admin, listed, Ct));
        var validation = await fixture.InScopeAsync(sp => sp.GetRequiredService<IApiTokens>().ValidateAsync(aliceToken.Secret, Ct));
        Assert.Equal(ApiTokenStatus.Revoked, validation.Status);
        Assert.DoesNotContain((await Tokens.ListAsync(fixture.Admin, null, false, 0, 200, Ct)).Items, t => t.Id == listed.Id);
        Assert.NotNull(Assert.Single((await Tokens.ListAsync(fixture.Admin, alice.DisplayName, true, 0, 200, Ct)).Items).RevokedAt);

        var audit = Assert.Single((await fixture.AuditAsync(new AuditQuery("token"))).Items, e => e.Details?.Contains("alice-sync") == true);
        Assert.Equal("token.revoked", audit.Action);
        Assert.Equal(fixture.Admin.UserId, audit.ActorId);
        Assert.DoesNotContain(aliceToken.Secret, audit.Details);
    }

    [Fact]
    public async Task Non_administrators_can_neither_list_nor_revoke_tokens()
    {
        var user = await fixture.CreateUserAsync($"plain-{Guid.NewGuid():N}@example.com");
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Tokens.ListAsync(user, null, true, 0, 50, Ct));
        var token = new OwnedApiToken(Guid.NewGuid(), user.UserId, "x", null, "x", "plt_x", DateTimeOffset.UtcNow, null, null, null);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Tokens.RevokeAsync(user, token, Ct));
    }

    [Fact]
    public async Task Invited_and_reset_users_must_change_their_password_others_need_not()
    {
        var users = fixture.Get<UserAdministration>();
        var invited = await users.InviteAsync(fixture.Admin, new NewInvite($"inv-{Guid.NewGuid():N}@example.com", "受邀用户"), Ct);
        Assert.True(await fixture.InScopeAsync(sp => PasswordChange.IsRequiredAsync(sp, invited.UserId)));

        var plain = await fixture.CreateUserAsync($"reset-{Guid.NewGuid():N}@example.com");
        Assert.False(await fixture.InScopeAsync(sp => PasswordChange.IsRequiredAsync(sp, plain.UserId)));
        var info = (await users.GetAsync(fixture.Admin, plain.UserId, Ct))!;
        await users.ResetPasswordAsync(fixture.Admin, info, Ct);
        Assert.True(await fixture.InScopeAsync(sp => PasswordChange.IsRequiredAsync(sp, plain.UserId)));
    }

    [Fact]
    public async Task Ids_of_users_departments_and_partners_become_names_in_one_lookup_unknown_ids_stay()
    {
        var org = fixture.Get<OrganizationAdministration>();
        var partner = await org.CreatePartnerAsync(fixture.Admin, new NewPartner("西南伙伴", $"SW-{Guid.NewGuid():N}"[..12]), Ct);
        var department = await fixture.InScopeAsync(sp => sp.GetRequiredService<IOrganizationAdmin>().CreateDepartmentAsync(new NewDepartment("西南区"), Ct));
        var user = await fixture.CreateUserAsync($"names-{Guid.NewGuid():N}@example.com");
        var unknown = Guid.NewGuid();

        var names = await new OrgNames(fixture.Get<Npgsql.NpgsqlDataSource>()).NamesAsync([partner, department, user.UserId, unknown], Ct);
        Assert.Equal("西南伙伴", names[partner]);
        Assert.Equal("西南区", names[department]);
        Assert.Equal(user.DisplayName, names[user.UserId]);
        Assert.False(names.ContainsKey(unknown));

        var details = $"partner: {partner} → -; department: - → {department}; other: {unknown}";
        Assert.Equal($"partner: 西南伙伴 → -; department: - → 西南区; other: {unknown}", OrgNames.WithNames(details, names));
        Assert.Equal([partner, department, unknown], OrgNames.IdsInText(details));
    }
}
