using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Packages.Tests.Support;
using Platform.Workflow.Tasks;

namespace Platform.Packages.Tests.Scenarios;

/// <summary>deal_registration, deal_registration_check and registration_expiry: protection per customer, conflicts go to the channel manager.</summary>
public sealed class DealRegistrationScenarioTests(WorkerFixture f) : IClassFixture<WorkerFixture>
{
    [Fact]
    public async Task A_second_partner_registering_a_protected_customer_is_routed_to_the_channel_manager_until_protection_ends()
    {
        var manager = await f.UserAsync("cm@vendor.cn", "渠道经理", roles: "channel_manager");
        var gold = await f.PartnerAsync("华东金牌伙伴", "P-GOLD", "gold", "east");
        var silver = await f.PartnerAsync("华东银牌伙伴", "P-SILVER", "silver", "east");
        var alice = await f.UserAsync("alice@gold.cn", "Alice", partner: gold, roles: "partner_sales");

        // Partner sales registers a deal on a customer of their own.
        var customer = await f.CreateAsync(alice, "customer", new JsonObject { ["name"] = "宁波港务集团", ["industry"] = "logistics", ["region"] = "east" });
        var first = await f.CreateAsync(alice, "opportunity", Deal("港口调度系统", customer, 800000));
        await f.SettleAsync();
        Assert.Equal("approved", await f.TextAsync("opportunity", first, "registration_status"));
        Assert.Equal("2026-08-10", (await f.TextAsync("opportunity", first, "protection_until"))![..10]);
        var protectedCustomer = await f.DataAsync("customer", customer);
        Assert.Equal(gold.ToString(), protectedCustomer["registered_partner"]!.GetValue<string>());
        Assert.Equal(first.ToString(), protectedCustomer["registered_opportunity"]!.GetValue<string>());
        Assert.Null(protectedCustomer["pending_opportunity"]);

        // The channel manager registers the same customer for the silver partner: conflict, routed to review.
        var second = await f.CreateAsync(manager, "opportunity", Deal("港口安防", customer, 300000, silver));
        var third = await f.CreateAsync(manager, "opportunity", Deal("港口数据中台", customer, 500000, silver));
        // Both reach the customer's single check slot at once; the one the check did not take is resubmitted after 10 minutes.
        await f.AdvanceAsync(TimeSpan.FromMinutes(11));
        Assert.Equal("conflict", await f.TextAsync("opportunity", second, "registration_status"));
        Assert.Equal("conflict", await f.TextAsync("opportunity", third, "registration_status"));
        var inbox = await f.Get<ITaskInbox>().ListAsync(manager, InboxBox.Todo, 0, 10, default);
        Assert.Equal(2, inbox.Count(t => t.DefinitionKey == "deal_registration_check" && t.RecordId == customer));

        // The gold partner's own follow-up registration is no conflict.
        var again = await f.CreateAsync(alice, "opportunity", Deal("港口二期", customer, 200000));
        await f.SettleAsync();
        Assert.Equal("approved", await f.TextAsync("opportunity", again, "registration_status"));

        // One conflicting registration is rejected; the other is granted (protection moves to the silver partner).
        var tasks = (await f.Get<ITaskInbox>().ListAsync(manager, InboxBox.Todo, 0, 10, default)).Where(t => t.DefinitionKey == "deal_registration_check").ToList();
        Assert.Equal(2, tasks.Count);
        var variables = await f.QueryAsync<(Guid Instance, string Opp)>(
            "SELECT id, variables->>'opp' FROM workflow.instances WHERE definition_key = 'deal_registration_check' AND status = 'running'");
        Guid TaskFor(Guid opportunity) => tasks.Single(t => t.InstanceId == variables.Single(v => v.Opp == opportunity.ToString()).Instance).TaskId!.Value;
        await f.Get<ITaskActions>().RejectAsync(TaskFor(second), manager, "金牌伙伴已报备 / already registered", default);
        await f.SettleAsync();
        Assert.Equal("rejected", await f.TextAsync("opportunity", second, "registration_status"));
        Assert.Equal(gold.ToString(), await f.TextAsync("customer", customer, "registered_partner"));
        await f.Get<ITaskActions>().ApproveAsync(TaskFor(third), manager, "改判银牌伙伴 / reassigned", null, default);
        await f.SettleAsync();
        Assert.Equal("approved", await f.TextAsync("opportunity", third, "registration_status"));
        Assert.Equal(silver.ToString(), await f.TextAsync("customer", customer, "registered_partner"));

        // After the 90-day protection the registrations expire and anyone may register again without review.
        await f.AdvanceAsync(TimeSpan.FromDays(91));
        Assert.Equal("expired", await f.TextAsync("opportunity", first, "registration_status"));
        Assert.Equal("expired", await f.TextAsync("opportunity", third, "registration_status"));
        Assert.Equal("rejected", await f.TextAsync("opportunity", second, "registration_status"));
        var later = await f.CreateAsync(alice, "opportunity", Deal("港口三期", customer, 900000));
        await f.SettleAsync();
        Assert.Equal("approved", await f.TextAsync("opportunity", later, "registration_status"));
        Assert.Equal(gold.ToString(), await f.TextAsync("customer", customer, "registered_partner"));
        Assert.DoesNotContain(await f.Get<ITaskInbox>().ListAsync(manager, InboxBox.Todo, 0, 10, default), t => t.DefinitionKey == "deal_registration_check");
        Assert.Empty(await f.IncidentsAsync());
    }

    private static JsonObject Deal(string name, Guid customer, decimal amount, Guid? partner = null)
    {
        var deal = new JsonObject { ["name"] = name, ["customer"] = customer.ToString(), ["amount"] = amount, ["stage"] = "needs", ["region"] = "east" };
        if (partner is { } p) deal["partner"] = p.ToString();
        return deal;
    }
}
