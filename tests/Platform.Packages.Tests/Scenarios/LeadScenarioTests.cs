using System.Text;
using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Packages.Tests.Support;
using Platform.Workflow.Runtime;

namespace Platform.Packages.Tests.Scenarios;

/// <summary>lead_assignment and web_lead: leads are dealt out by region in turn; web leads are welcomed, escalated and nurtured.</summary>
public sealed class LeadScenarioTests(WorkerFixture f) : IClassFixture<WorkerFixture>
{
    [Fact]
    public async Task Leads_arriving_by_the_web_form_are_assigned_by_region_in_turn_welcomed_escalated_and_nurtured()
    {
        var eastManager = await f.UserAsync("east.manager@vendor.cn", "华东销售经理", roles: "sales");
        var eastA = await f.UserAsync("east.a@vendor.cn", "华东销售甲", manager: eastManager.UserId, roles: ["sales", "sales_east"]);
        var eastB = await f.UserAsync("east.b@vendor.cn", "华东销售乙", manager: eastManager.UserId, roles: ["sales", "sales_east"]);
        var north = await f.UserAsync("north@vendor.cn", "华北销售", manager: eastManager.UserId, roles: ["sales", "sales_north"]);
        var runtime = f.Get<IWorkflowRuntime>();

        async Task<Guid> PostAsync(string company, string region, string? email, string key)
        {
            var body = new JsonObject
            {
                ["company"] = company, ["name"] = "王经理", ["phone"] = "13912345678", ["email"] = email,
                ["region"] = region, ["industry"] = "manufacturing", ["message"] = "想了解私有化部署",
            };
            var instance = await runtime.HandleWebhookAsync("web_lead", Encoding.UTF8.GetBytes(body.ToJsonString()), null, key, default);
            return await f.ScalarAsync<Guid>("SELECT record_id FROM workflow.instances WHERE id = @instance", new { instance });
        }

        var alpha = await PostAsync("阿尔法制造", "east", "alpha@customer.cn", "web-1");
        Assert.Equal(alpha, await PostAsync("阿尔法制造", "east", "alpha@customer.cn", "web-1")); // a retried post starts nothing new
        var beta = await PostAsync("贝塔机械", "east", "beta@customer.cn", "web-2");
        var gamma = await PostAsync("伽马精工", "east", null, "web-3");
        var delta = await PostAsync("德尔塔重工", "north", "delta@customer.cn", "web-4");
        // A lead typed in by the channel manager and dispatched (pool "pending") goes through the same assignment.
        var manual = await f.CreateAsync(UserContext.System, "lead", new JsonObject
        {
            ["company"] = "手工录入公司", ["contact_name"] = "李", ["source"] = "event", ["region"] = "east", ["pool"] = "pending",
        });
        await f.SettleAsync();

        async Task<Guid?> OwnerAsync(Guid lead) => await f.ScalarAsync<Guid?>("SELECT owner_id FROM forms.records WHERE id = @lead", new { lead });
        // Round-robin takes the team's members in a stable order (by id).
        var (first, second) = eastA.UserId.CompareTo(eastB.UserId) < 0 ? (eastA, eastB) : (eastB, eastA);
        Assert.Equal([first.UserId, second.UserId, first.UserId, north.UserId, second.UserId],
            [await OwnerAsync(alpha), await OwnerAsync(beta), await OwnerAsync(gamma), await OwnerAsync(delta), await OwnerAsync(manual)]);
        var alphaData = await f.DataAsync("lead", alpha);
        Assert.Equal(first.UserId.ToString(), alphaData["assignee"]!.GetValue<string>());
        Assert.Equal("website", alphaData["source"]!.GetValue<string>());
        Assert.Equal("new", alphaData["status"]!.GetValue<string>());
        Assert.Equal(2, (await f.NotificationsOfAsync(first.UserId)).Count(s => s.Contains("assigned to you")));
        Assert.Equal(5, await f.ScalarAsync<long>("SELECT count(*) FROM forms.records WHERE app_key = 'channel_crm' AND form_key = 'lead'"));

        var mails = await f.MailsAsync();
        Assert.Equal(3, mails.Count); // gamma left no address
        Assert.Contains(mails, m => m.Contains("alpha@customer.cn") && m.Contains("Thank you"));

        // Alpha is contacted within 10 minutes; the others are not, so after 30 minutes the owners' manager hears about them.
        await f.AdvanceAsync(TimeSpan.FromMinutes(10));
        await f.UpdateAsync(first, "lead", alpha, new JsonObject { ["status"] = "contacted" });
        await f.AdvanceAsync(TimeSpan.FromMinutes(25));
        Assert.Empty(await f.IncidentsAsync());
        var escalations = await f.NotificationsOfAsync(eastManager.UserId);
        Assert.Equal(3, escalations.Count);
        Assert.DoesNotContain(escalations, s => s.Contains("阿尔法"));
        Assert.Contains(escalations, s => s.Contains("贝塔机械") && s.Contains("30"));

        // Beta becomes a deal; the rest are moved to nurturing after 72 hours and get the case-study mail.
        await f.UpdateAsync(second, "lead", beta, new JsonObject { ["status"] = "converted" });
        await f.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal("won", await f.ScalarAsync<string>(
            "SELECT end_node FROM workflow.instances WHERE record_id = @beta AND definition_key = 'web_lead'", new { beta }));
        await f.AdvanceAsync(TimeSpan.FromHours(71));

        Assert.Equal("nurturing", await f.TextAsync("lead", alpha, "status"));
        Assert.Equal("converted", await f.TextAsync("lead", beta, "status"));
        Assert.Equal("nurturing", await f.TextAsync("lead", gamma, "status"));
        Assert.Equal("public", await f.TextAsync("lead", delta, "pool"));
        Assert.Contains(await f.MailsAsync(), m => m.Contains("delta@customer.cn") && m.Contains("Customer stories"));
        Assert.DoesNotContain(await f.MailsAsync(), m => m.Contains("beta@customer.cn") && m.Contains("Customer stories"));
        Assert.Empty(await f.QueryAsync<Guid>("SELECT id FROM workflow.instances WHERE definition_key = 'web_lead' AND status = 'running'"));
        Assert.Empty(await f.IncidentsAsync());
    }
}
