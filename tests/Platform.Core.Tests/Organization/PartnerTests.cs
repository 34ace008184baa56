using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Core.Tests.Identity;

namespace Platform.Core.Tests.Organization;

public sealed class PartnerTests(IdentityFixture db) : IClassFixture<IdentityFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private Task<Guid> Partner(string name, Guid? manager = null) => db.InScopeAsync(sp =>
        db.Admin(sp).CreatePartnerAsync(new NewPartner(name, $"P-{Guid.NewGuid():N}"[..12], "Gold", "华东", manager), Ct));

    [Fact]
    public async Task A_partner_user_carries_the_partner_into_their_user_context()
    {
        var partner = await Partner("星辰科技");
        var user = await db.CreateUserAsync("partner-staff", partnerId: partner);

        var context = await db.Services.GetRequiredService<IOrgDirectory>().GetUserContextAsync(user, Ct);

        Assert.Equal(partner, context!.PartnerId);
        Assert.True(context.IsPartnerUser);
    }

    [Fact]
    public async Task A_user_cannot_belong_to_two_partners()
    {
        var first = await Partner("甲公司");
        var second = await Partner("乙公司");
        var user = await db.CreateUserAsync("张三", partnerId: first);

        var error = await Assert.ThrowsAsync<OrganizationException>(() =>
            db.InScopeAsync(sp => db.Admin(sp).AddUserToPartnerAsync(user, second, Ct)));

        Assert.Equal("partner.conflict", error.Code);
        Assert.Contains("甲公司", error.MessageZh);
        Assert.Equal(first, (await db.Services.GetRequiredService<IOrgDirectory>().FindUserAsync(user, Ct))!.PartnerId);
    }

    [Fact]
    public async Task Moving_to_another_partner_takes_an_explicit_removal_first()
    {
        var first = await Partner("one");
        var second = await Partner("two");
        var user = await db.CreateUserAsync("mover", partnerId: first);

        await db.InScopeAsync(sp => db.Admin(sp).RemoveUserFromPartnerAsync(user, Ct));
        await db.InScopeAsync(sp => db.Admin(sp).AddUserToPartnerAsync(user, second, Ct));

        var staff = await db.InScopeAsync(sp => db.Admin(sp).ListUsersAsync(new UserFilter(PartnerId: second), Ct));
        Assert.Equal(user, Assert.Single(staff).Id);
    }

    [Fact]
    public async Task Partner_manager_is_found_and_codes_are_unique()
    {
        var contact = await db.CreateUserAsync("contact");
        var partner = await Partner("有经理的伙伴", contact);
        Assert.Equal(contact, (await db.Services.GetRequiredService<IOrgDirectory>().GetPartnerManagerAsync(partner, Ct))!.Id);

        await db.InScopeAsync(sp => db.Admin(sp).CreatePartnerAsync(new NewPartner("A", "DUP-1"), Ct));
        var error = await Assert.ThrowsAsync<OrganizationException>(() =>
            db.InScopeAsync(sp => db.Admin(sp).CreatePartnerAsync(new NewPartner("B", "DUP-1"), Ct)));
        Assert.Equal("partner.code_taken", error.Code);
    }
}
