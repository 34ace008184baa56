using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Queries;
using Platform.Packages.Tests.Support;
using Platform.Workflow.Tasks;

namespace Platform.Packages.Tests.Scenarios;

/// <summary>partner_onboarding: an application waits for the channel manager, is reminded daily, and becomes a partner.</summary>
public sealed class PartnerOnboardingScenarioTests(WorkerFixture f) : IClassFixture<WorkerFixture>
{
    [Fact]
    public async Task An_approved_application_becomes_an_onboarding_partner_and_a_rejected_one_is_told_why()
    {
        var manager = await f.UserAsync("cm@vendor.cn", "渠道经理", roles: "channel_manager");
        var good = await f.CreateAsync(UserContext.System, "partner_application", Application("杭州云启科技有限公司", "east", "silver", "ceo@yunqi.cn"));
        var weak = await f.CreateAsync(UserContext.System, "partner_application", Application("小作坊工作室", "south", "gold", "boss@tiny.cn"));
        await f.SettleAsync();

        Assert.Equal("reviewing", await f.TextAsync("partner_application", good, "status"));
        var goodTask = await f.TaskOfAsync(manager, good);
        var weakTask = await f.TaskOfAsync(manager, weak);
        Assert.Empty(await f.NotificationsOfAsync(manager.UserId));

        // SLA: one reminder a day while the review waits.
        await f.AdvanceAsync(TimeSpan.FromDays(1.01));
        Assert.Equal(2, (await f.NotificationsOfAsync(manager.UserId)).Count);

        // The manager lowers the requested tier while approving.
        await f.Get<ITaskActions>().ApproveAsync(goodTask, manager, "资质齐全 / complete", new JsonObject { ["requested_tier"] = "bronze" }, default);
        await f.Get<ITaskActions>().RejectAsync(weakTask, manager, "规模不足 / too small", default);
        await f.SettleAsync();
        Assert.Empty(await f.IncidentsAsync());

        var application = await f.DataAsync("partner_application", good);
        Assert.Equal("approved", application["status"]!.GetValue<string>());
        var partnerId = Guid.Parse(application["partner"]!.GetValue<string>());
        var partner = await f.DataAsync("partner", partnerId);
        Assert.Equal("杭州云启科技有限公司", partner["name"]!.GetValue<string>());
        Assert.Equal("bronze", partner["tier"]!.GetValue<string>());
        Assert.Equal("east", partner["region"]!.GetValue<string>());
        Assert.Equal("onboarding", partner["status"]!.GetValue<string>());
        Assert.Equal(application["number"]!.GetValue<string>(), partner["code"]!.GetValue<string>());
        // approved the day after submission (the reminder day)
        Assert.Equal("2026-05-13", partner["agreement_start"]!.GetValue<string>()[..10]);
        Assert.Equal("2027-05-13", partner["agreement_end"]!.GetValue<string>()[..10]);
        Assert.Equal("rejected", await f.TextAsync("partner_application", weak, "status"));
        Assert.Empty(await f.QueryAsync<Guid>("SELECT id FROM forms.records WHERE app_key = 'channel_crm' AND form_key = 'partner' AND data->>'name' = '小作坊工作室'"));

        var mails = await f.MailsAsync();
        Assert.Contains(mails, m => m.Contains("ceo@yunqi.cn") && m.Contains("Welcome"));
        Assert.Contains(mails, m => m.Contains("boss@tiny.cn") && m.Contains("application"));
        Assert.Empty(await f.IncidentsAsync());

        // No more reminders once the review is done.
        await f.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Equal(2, (await f.NotificationsOfAsync(manager.UserId)).Count);
    }

    [Fact]
    public async Task An_approved_application_creates_the_partner_organisation_whose_users_see_only_its_customers()
    {
        var manager = await f.UserAsync("cm2@vendor.cn", "渠道经理二", roles: "channel_manager");
        var application = await f.CreateAsync(UserContext.System, "partner_application", Application("苏州星河信息技术有限公司", "east", "gold", "ceo@xinghe.cn"));
        await f.SettleAsync();
        await f.Get<ITaskActions>().ApproveAsync(await f.TaskOfAsync(manager, application), manager, "同意 / ok", null, default);
        await f.SettleAsync();
        Assert.Empty(await f.IncidentsAsync());

        var data = await f.DataAsync("partner_application", application);
        var code = data["number"]!.GetValue<string>();
        var orgs = await f.InScopeAsync(sp => sp.GetRequiredService<IOrganizationAdmin>().ListPartnersAsync(default));
        var org = Assert.Single(orgs, p => p.Code == code);
        Assert.Equal(("苏州星河信息技术有限公司", "gold", "east"), (org.Name, org.Tier, org.Region));
        // the partner record points at its organisation, so it belongs to that partner's data scope
        var partnerRecord = Guid.Parse(data["partner"]!.GetValue<string>());
        Assert.Equal(org.Id.ToString(), await f.TextAsync("partner", partnerRecord, "org_partner"));
        Assert.Equal(org.Id, await f.ScalarAsync<Guid>("SELECT partner_id FROM forms.records WHERE id = @partnerRecord", new { partnerRecord }));

        // a user the admin puts into the new organisation sees its customers and no other partner's
        var other = await f.PartnerAsync("另一家伙伴", "P-OTHER-ONB", "silver", "south");
        var staff = await f.UserAsync("sales@xinghe.cn", "星河销售", partner: org.Id, roles: "partner_sales");
        var outsider = await f.UserAsync("sales@other.cn", "他家销售", partner: other, roles: "partner_sales");
        var mine = await f.CreateAsync(staff, "customer", new JsonObject { ["name"] = "星河的客户", ["industry"] = "retail", ["region"] = "east" });
        await f.CreateAsync(outsider, "customer", new JsonObject { ["name"] = "他家的客户", ["industry"] = "finance", ["region"] = "south" });
        var seen = await f.Get<IRecordQueries>().ListAsync(staff, "channel_crm", "customer", new RecordQuery(), default);
        Assert.Equal([mine], seen.Items.Select(r => r.Id));
    }

    private static JsonObject Application(string company, string region, string tier, string email) => new()
    {
        ["company"] = company, ["region"] = region, ["requested_tier"] = tier, ["contact_name"] = "张总",
        ["contact_phone"] = "13800138000", ["contact_email"] = email, ["employees"] = 80,
    };
}
