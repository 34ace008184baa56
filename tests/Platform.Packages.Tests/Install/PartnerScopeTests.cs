using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Queries;
using Platform.Forms.Records;
using Platform.Packages.Tests.Support;

namespace Platform.Packages.Tests.Install;

public class PartnerScopeTests(PackagesFixture fixture) : IClassFixture<PackagesFixture>
{
    [Fact]
    public async Task Partner_sales_see_only_their_partners_customers_through_the_installed_grants()
    {
        var ct = CancellationToken.None;
        await fixture.InstallAsync(Templates.ChannelCrm());
        UserContext alice, bob, sales;
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<IOrganizationAdmin>();
            var org = fixture.Get<IOrgDirectory>();
            var p1 = await admin.CreatePartnerAsync(new NewPartner("华东金牌伙伴", "P-EAST", "gold", "east"), ct);
            var p2 = await admin.CreatePartnerAsync(new NewPartner("华南银牌伙伴", "P-SOUTH", "silver", "south"), ct);
            var a = await admin.CreateUserAsync(new NewUser("alice@p1.cn", "Alice", "password123", PartnerId: p1, Roles: ["partner_sales"]), ct);
            var b = await admin.CreateUserAsync(new NewUser("bob@p2.cn", "Bob", "password123", PartnerId: p2, Roles: ["partner_sales"]), ct);
            var s = await admin.CreateUserAsync(new NewUser("sales@vendor.cn", "Sales", "password123", Roles: ["sales"]), ct);
            alice = (await org.GetUserContextAsync(a, ct))!;
            bob = (await org.GetUserContextAsync(b, ct))!;
            sales = (await org.GetUserContextAsync(s, ct))!;
        }
        Assert.Contains("partner_sales", alice.Roles);
        var store = fixture.Get<IRecordStore>();
        var mine = ChannelCrmInstallTests.Saved(await store.CreateAsync(alice, "channel_crm", "customer",
            new JsonObject { ["name"] = "爱丽丝的客户", ["industry"] = "retail", ["region"] = "east" }, ct));
        var theirs = ChannelCrmInstallTests.Saved(await store.CreateAsync(bob, "channel_crm", "customer",
            new JsonObject { ["name"] = "鲍勃的客户", ["industry"] = "finance", ["region"] = "south" }, ct));

        var queries = fixture.Get<IRecordQueries>();
        var seenByAlice = await queries.ListAsync(alice, "channel_crm", "customer", new RecordQuery(), ct);
        Assert.Equal([mine], seenByAlice.Items.Select(r => r.Id));
        Assert.Equal(alice.PartnerId, seenByAlice.Items[0].PartnerId);
        Assert.Null(await store.GetAsync(alice, "channel_crm", "customer", theirs, ct));

        // internal sales (scope own) see neither partner's customers; partner sales may not read commissions at all
        Assert.Empty((await queries.ListAsync(sales, "channel_crm", "customer", new RecordQuery(), ct)).Items);
        var product = ChannelCrmInstallTests.Saved(await store.CreateAsync(UserContext.System, "channel_crm", "product",
            new JsonObject { ["code"] = "P-1", ["name"] = "产品", ["list_price"] = 100 }, ct));
        var order = ChannelCrmInstallTests.Saved(await store.CreateAsync(UserContext.System, "channel_crm", "order", new JsonObject
        {
            ["title"] = "合同", ["customer"] = mine.ToString(), ["partner"] = alice.PartnerId.ToString(), ["signed_on"] = "2026-05-01",
            ["lines"] = new JsonArray(new JsonObject { ["product"] = product.ToString(), ["quantity"] = 1, ["price"] = 100 }),
        }, ct));
        ChannelCrmInstallTests.Saved(await store.CreateAsync(UserContext.System, "channel_crm", "commission", new JsonObject
        {
            ["partner"] = alice.PartnerId.ToString(), ["order"] = order.ToString(), ["tier"] = "gold", ["order_amount"] = 100,
        }, ct));
        Assert.Single((await queries.ListAsync(alice, "channel_crm", "order", new RecordQuery(), ct)).Items);
        Assert.Empty((await queries.ListAsync(bob, "channel_crm", "order", new RecordQuery(), ct)).Items);
        Assert.Empty((await queries.ListAsync(alice, "channel_crm", "commission", new RecordQuery(), ct)).Items);
        Assert.Single((await queries.ListAsync(UserContext.System, "channel_crm", "commission", new RecordQuery(), ct)).Items);
    }
}
