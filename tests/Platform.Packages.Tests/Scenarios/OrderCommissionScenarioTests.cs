using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Packages.Tests.Support;
using Platform.Workflow.Tasks;

namespace Platform.Packages.Tests.Scenarios;

/// <summary>quote_to_order, order_commission and commission_payout: a won quote becomes an order; paying it pays out the partner.</summary>
public sealed class OrderCommissionScenarioTests(WorkerFixture f) : IClassFixture<WorkerFixture>
{
    [Fact]
    public async Task A_won_quote_becomes_an_order_and_its_payment_yields_a_commission_approved_and_paid_out()
    {
        var manager = await f.UserAsync("cm@vendor.cn", "渠道经理", roles: "channel_manager");
        var finance = await f.UserAsync("finance@vendor.cn", "财务", roles: "vendor_admin");
        var partner = await f.PartnerAsync("华北金牌伙伴", "P-NORTH", "gold", "north");
        var carol = await f.UserAsync("carol@north.cn", "Carol", partner: partner, roles: "partner_admin");
        var customer = await f.CreateAsync(carol, "customer", new JsonObject { ["name"] = "北京能源集团", ["industry"] = "energy", ["region"] = "north" });
        var opportunity = await f.CreateAsync(carol, "opportunity", new JsonObject
        {
            ["name"] = "能源管理平台", ["customer"] = customer.ToString(), ["amount"] = 90000, ["stage"] = "negotiation",
        });
        var product = await f.CreateAsync(UserContext.System, "product", new JsonObject { ["code"] = "EMS-1", ["name"] = "能源管理套件", ["list_price"] = 30000 });
        var quote = await f.CreateAsync(carol, "quote", new JsonObject
        {
            ["opportunity"] = opportunity.ToString(), ["customer"] = customer.ToString(), ["partner_tier"] = "gold", ["status"] = "draft",
            ["lines"] = new JsonArray(new JsonObject { ["product"] = product.ToString(), ["quantity"] = 3, ["price"] = 30000, ["discount"] = 0 }),
        });
        await f.UpdateAsync(carol, "quote", quote, new JsonObject { ["status"] = "pending" });
        await f.SettleAsync();
        Assert.Equal("approved", await f.TextAsync("quote", quote, "status")); // 90,000 within the gold limit: approved automatically

        await f.UpdateAsync(UserContext.System, "quote", quote, new JsonObject { ["status"] = "won" });
        await f.SettleAsync();
        var orderId = Assert.Single(await f.QueryAsync<Guid>("SELECT id FROM forms.records WHERE app_key = 'channel_crm' AND form_key = 'order'"));
        var order = await f.DataAsync("order", orderId);
        Assert.Equal(customer.ToString(), order["customer"]!.GetValue<string>());
        Assert.Equal(quote.ToString(), order["quote"]!.GetValue<string>());
        Assert.Equal(partner.ToString(), order["partner"]!.GetValue<string>());
        Assert.Equal("gold", order["partner_tier"]!.GetValue<string>());
        Assert.Equal(90000m, order["amount"]!.GetValue<decimal>());
        Assert.Equal("unpaid", order["payment_status"]!.GetValue<string>());
        Assert.Equal(3, order["lines"]!.AsArray()[0]!["quantity"]!.GetValue<decimal>());
        var opp = await f.DataAsync("opportunity", opportunity);
        Assert.Equal("won", opp["stage"]!.GetValue<string>());
        Assert.Equal("2026-05-12", opp["won_at"]!.GetValue<string>()[..10]);

        // A partial payment pays nothing out; full payment computes the commission by tier.
        await f.UpdateAsync(UserContext.System, "order", orderId, new JsonObject { ["payment_status"] = "partial", ["paid_amount"] = 30000, ["paid_on"] = "2026-05-12" });
        await f.SettleAsync();
        Assert.Empty(await f.QueryAsync<Guid>("SELECT id FROM forms.records WHERE app_key = 'channel_crm' AND form_key = 'commission'"));
        await f.UpdateAsync(UserContext.System, "order", orderId, new JsonObject { ["payment_status"] = "paid", ["paid_amount"] = 90000, ["paid_on"] = "2026-05-12" });
        await f.SettleAsync();
        var commissionId = Assert.Single(await f.QueryAsync<Guid>("SELECT id FROM forms.records WHERE app_key = 'channel_crm' AND form_key = 'commission'"));
        var commission = await f.DataAsync("commission", commissionId);
        Assert.Equal("gold", commission["tier"]!.GetValue<string>());
        Assert.Equal(90000m, commission["order_amount"]!.GetValue<decimal>());
        Assert.Equal(orderId.ToString(), commission["order"]!.GetValue<string>());
        Assert.Equal("calculated", commission["status"]!.GetValue<string>());

        await f.Get<ITaskActions>().ApproveAsync(await f.TaskOfAsync(manager, commissionId), manager, "同意 / approved", null, default);
        await f.SettleAsync();
        Assert.Equal("approved", await f.TextAsync("commission", commissionId, "status"));
        Assert.False(await f.HasTaskAsync(manager, commissionId));

        await f.AdvanceAsync(TimeSpan.FromDays(5));
        await f.Get<ITaskActions>().ApproveAsync(await f.TaskOfAsync(finance, commissionId), finance, "已打款 / transferred", null, default);
        await f.SettleAsync();
        Assert.Equal("paid", await f.TextAsync("commission", commissionId, "status"));
        Assert.Equal("2026-05-17", (await f.TextAsync("commission", commissionId, "paid_on"))![..10]);
        Assert.Empty(await f.IncidentsAsync());
    }
}
