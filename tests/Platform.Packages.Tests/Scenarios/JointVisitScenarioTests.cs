using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Packages.Tests.Support;
using Platform.Workflow.Tasks;

namespace Platform.Packages.Tests.Scenarios;

/// <summary>joint_visit: the channel manager assigns a supporter; both sides are told; a missing result is chased after the visit.</summary>
public sealed class JointVisitScenarioTests(WorkerFixture f) : IClassFixture<WorkerFixture>
{
    [Fact]
    public async Task A_partner_requests_a_joint_visit_the_manager_assigns_presales_and_the_result_is_chased_after_the_visit()
    {
        var manager = await f.UserAsync("cm@vendor.cn", "渠道经理", roles: "channel_manager");
        var presales = await f.UserAsync("presales@vendor.cn", "售前工程师", roles: "sales");
        var partner = await f.PartnerAsync("西南铜牌伙伴", "P-SW", "bronze", "southwest");
        var bob = await f.UserAsync("bob@sw.cn", "Bob", partner: partner, roles: "partner_sales");
        var customer = await f.CreateAsync(bob, "customer", new JsonObject { ["name"] = "成都医院集团", ["industry"] = "healthcare", ["region"] = "southwest" });
        var opportunity = await f.CreateAsync(bob, "opportunity", new JsonObject { ["name"] = "医院信息平台", ["customer"] = customer.ToString(), ["amount"] = 600000 });
        JsonObject Visit(string date) => new()
        {
            ["opportunity"] = opportunity.ToString(), ["customer"] = customer.ToString(), ["support_type"] = new JsonArray("presales", "demo"),
            ["visit_date"] = date, ["purpose"] = "方案演示 / solution demo",
        };
        var accepted = await f.CreateAsync(bob, "joint_visit", Visit("2026-05-15"));
        var declined = await f.CreateAsync(bob, "joint_visit", Visit("2026-05-20"));
        await f.SettleAsync();

        await f.Get<ITaskActions>().ApproveAsync(await f.TaskOfAsync(manager, accepted), manager, "安排售前 / presales assigned",
            new JsonObject { ["supporter"] = presales.UserId.ToString() }, default);
        await f.Get<ITaskActions>().RejectAsync(await f.TaskOfAsync(manager, declined), manager, "档期已满 / fully booked", default);
        await f.SettleAsync();

        Assert.Equal("accepted", await f.TextAsync("joint_visit", accepted, "status"));
        Assert.Equal(presales.UserId.ToString(), await f.TextAsync("joint_visit", accepted, "supporter"));
        Assert.Equal("declined", await f.TextAsync("joint_visit", declined, "status"));
        Assert.Single(await f.NotificationsOfAsync(presales.UserId), s => s.Contains("2026-05-15"));
        var told = await f.NotificationsOfAsync(bob.UserId);
        Assert.Contains(told, s => s.Contains("arranged"));
        Assert.Contains(told, s => s.Contains("declined"));

        // The day after the visit nobody has written the result: requester and supporter are asked for it.
        await f.AdvanceAsync(TimeSpan.FromDays(3));
        Assert.Empty(await f.NotificationsOfAsync(presales.UserId).ContinueWith(t => t.Result.Where(s => s.Contains("result")).ToList()));
        await f.AdvanceAsync(TimeSpan.FromDays(1.5));
        Assert.Single(await f.NotificationsOfAsync(presales.UserId), s => s.Contains("Please record the result"));
        Assert.Single(await f.NotificationsOfAsync(bob.UserId), s => s.Contains("Please record the result"));
        Assert.Equal("asked", await f.ScalarAsync<string>("SELECT end_node FROM workflow.instances WHERE record_id = @accepted", new { accepted }));
        Assert.Empty(await f.IncidentsAsync());
    }
}
