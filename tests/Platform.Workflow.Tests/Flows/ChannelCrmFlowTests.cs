using System.Text;
using Platform.Workflow.Runtime;
using Platform.Workflow.Tasks;
using Platform.Workflow.Tests.Support;

namespace Platform.Workflow.Tests.Flows;

/// <summary>The four example flows of the workflow issue, end to end on real PostgreSQL with the clock moved by the test.</summary>
public sealed class ChannelCrmFlowTests(MailFixture f) : IClassFixture<MailFixture>
{
    [Fact]
    public async Task A_lead_left_in_the_public_pool_for_24_hours_notifies_the_sales_director()
    {
        var director = f.Org.AddUser("pool_director", roles: ["sales_director"]);
        var sales = f.Org.AddUser("pool_sales");
        await f.PublishAsync(Bpmn.Process("lead_pool_24h", $"""
            <bpmn:startEvent id="start" lc:trigger="fieldChanged" lc:form="crm/leads" lc:fields="pool" lc:condition="pool == 'public'" lc:restart="true" />
            <bpmn:intermediateCatchEvent id="wait24h"><bpmn:timerEventDefinition><bpmn:timeDuration>PT24H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:exclusiveGateway id="still" default="claimed" />
            <bpmn:serviceTask id="notify" lc:action="notify" lc:channel="inApp" lc:to="role:sales_director"
                              lc:subject="线索 [[name]] 在公海 24 小时无人认领 / Lead unclaimed for 24h" lc:body="[[name]]" />
            <bpmn:endEvent id="end" /><bpmn:endEvent id="done" />
            {Bpmn.Flow("a", "start", "wait24h")}{Bpmn.Flow("b", "wait24h", "still")}
            {Bpmn.Flow("unclaimed", "still", "notify", "pool == 'public' && ISEMPTY(claimed_by)")}
            {Bpmn.Flow("claimed", "still", "done")}{Bpmn.Flow("c", "notify", "end")}
            """).Replace("[[", "{{").Replace("]]", "}}"));

        var forgotten = await f.CreateRecordAsync("crm", "leads", new { name = "无人认领公司", pool = "public" }, sales.Id);
        var claimed = await f.CreateRecordAsync("crm", "leads", new { name = "Claimed Ltd", pool = "public" }, sales.Id);
        await f.PumpAsync();
        await f.AdvanceAsync(TimeSpan.FromHours(3));
        await f.UpdateRecordAsync(claimed, new { pool = "private", claimed_by = sales.Id }, sales.Id);
        await f.AdvanceAsync(TimeSpan.FromHours(20));
        Assert.Empty(await f.NotificationsOfAsync(director.Id));

        await f.AdvanceAsync(TimeSpan.FromHours(2));

        var subject = Assert.Single(await f.NotificationsOfAsync(director.Id));
        Assert.Contains("无人认领公司", subject);
        Assert.Equal("done", await f.QuerySingleAsync<string>("SELECT end_node FROM workflow.instances WHERE record_id = @claimed", new { claimed }));
        Assert.Equal("end", await f.QuerySingleAsync<string>("SELECT end_node FROM workflow.instances WHERE record_id = @forgotten", new { forgotten }));
    }

    [Fact]
    public async Task An_opportunity_not_updated_for_7_days_reminds_its_owner_and_copies_the_manager_repeatedly()
    {
        var manager = f.Org.AddUser("opp_manager");
        var owner = f.Org.AddUser("opp_owner", manager: manager.Id);
        await f.PublishAsync(Bpmn.Process("opportunity_stale", $"""
            <bpmn:startEvent id="start" lc:trigger="recordSaved" lc:form="crm/opportunities" lc:restart="true" lc:condition="stage != 'won' &amp;&amp; stage != 'lost'" />
            <bpmn:intermediateCatchEvent id="quiet7d"><bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:serviceTask id="remind" lc:action="notify" lc:channel="inApp" lc:to="field:owner" lc:cc="fieldManager:owner"
                              lc:subject="商机 [[name]] 已 7 天未更新 / not updated for 7 days" />
            <bpmn:exclusiveGateway id="open" default="stillOpen" />
            <bpmn:endEvent id="closed" />
            {Bpmn.Flow("a", "start", "quiet7d")}{Bpmn.Flow("b", "quiet7d", "open")}{Bpmn.Flow("stillOpen", "open", "remind")}
            <bpmn:sequenceFlow id="isClosed" sourceRef="open" targetRef="closed" lc:field="stage" lc:op="in" lc:value="won,lost" />
            {Bpmn.Flow("again", "remind", "quiet7d")}
            """).Replace("[[", "{{").Replace("]]", "}}"));

        var opp = await f.CreateRecordAsync("crm", "opportunities", new { name = "大单", stage = "proposal" }, owner.Id, owner: owner.Id);
        await f.PumpAsync();
        await f.AdvanceAsync(TimeSpan.FromDays(6));
        Assert.Empty(await f.NotificationsOfAsync(owner.Id));
        await f.AdvanceAsync(TimeSpan.FromDays(1.1));
        Assert.Single(await f.NotificationsOfAsync(owner.Id));
        Assert.Single(await f.NotificationsOfAsync(manager.Id));
        Assert.Single(await f.Get<ITaskInbox>().ListAsync(f.Org.ContextOf(manager), InboxBox.Cc, 0, 10, default));
        await f.AdvanceAsync(TimeSpan.FromDays(7));
        Assert.Equal(2, (await f.NotificationsOfAsync(owner.Id)).Count);

        // An update restarts the clock: the running reminder is cancelled and a new 7-day wait begins.
        await f.UpdateRecordAsync(opp, new { stage = "negotiation" }, owner.Id);
        await f.AdvanceAsync(TimeSpan.FromDays(6));
        Assert.Equal(2, (await f.NotificationsOfAsync(owner.Id)).Count);
        await f.AdvanceAsync(TimeSpan.FromDays(1.1));
        Assert.Equal(["cancelled", "running"], await f.QueryAsync<string>("SELECT status FROM workflow.instances WHERE record_id = @opp ORDER BY started_at", new { opp }));
        Assert.Equal(3, (await f.NotificationsOfAsync(owner.Id)).Count);
        Assert.Equal(["cancelled", "running"], await f.QueryAsync<string>("SELECT status FROM workflow.instances WHERE record_id = @opp ORDER BY started_at", new { opp }));

        // Won deals are left alone.
        await f.UpdateRecordAsync(opp, new { stage = "won" }, owner.Id);
        await f.AdvanceAsync(TimeSpan.FromDays(15));
        Assert.Equal(3, (await f.NotificationsOfAsync(owner.Id)).Count);
    }

    [Fact]
    public async Task An_order_over_100000_goes_to_the_regional_director_for_approval()
    {
        var director = f.Org.AddUser("east_director");
        var east = f.Org.AddDepartment(director.Id);
        var sales = f.Org.AddUser("east_sales", department: east);
        await f.PublishAsync(Bpmn.Process("order_approval", $"""
            <bpmn:startEvent id="start" lc:trigger="recordCreated" lc:form="crm/orders" />
            <bpmn:exclusiveGateway id="size" default="small" />
            <bpmn:userTask id="director" name="区域总监审批 / Regional director approval" lc:approvers="deptManager" lc:onReject="continue" lc:due="P2D"
                           lc:fieldAccess="amount:readonly,discount:editable,cost:hidden" />
            <bpmn:exclusiveGateway id="decision" default="no" />
            <bpmn:serviceTask id="approve" lc:action="updateRecord"><bpmn:extensionElements><lc:set field="approval" expr="'approved'" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="reject" lc:action="updateRecord"><bpmn:extensionElements><lc:set field="approval" expr="'rejected'" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "size")}
            <bpmn:sequenceFlow id="big" sourceRef="size" targetRef="director" lc:field="amount" lc:op="gt" lc:value="100000" />
            {Bpmn.Flow("small", "size", "approve")}{Bpmn.Flow("b", "director", "decision")}
            {Bpmn.Flow("yes", "decision", "approve", "outcome == 'approved'")}{Bpmn.Flow("no", "decision", "reject")}
            {Bpmn.Flow("c", "approve", "end")}{Bpmn.Flow("d", "reject", "end")}
            """));

        var createdAt = f.Time.GetUtcNow();
        var big = await f.CreateRecordAsync("crm", "orders", new { amount = 150000, cost = 90000 }, sales.Id, owner: sales.Id, department: east);
        var bigRejected = await f.CreateRecordAsync("crm", "orders", new { amount = 300000 }, sales.Id, owner: sales.Id, department: east);
        var small = await f.CreateRecordAsync("crm", "orders", new { amount = 99000 }, sales.Id, owner: sales.Id, department: east);
        await f.PumpAsync();

        Assert.Equal("approved", (await f.RecordDataAsync(small))["approval"]!.GetValue<string>());
        var inbox = await f.Get<ITaskInbox>().ListAsync(f.Org.ContextOf(director), InboxBox.Todo, 0, 10, default);
        Assert.Equal(2, inbox.Count);
        Assert.Equal(createdAt + TimeSpan.FromDays(2), inbox[0].DueAt);
        var bigTask = inbox.Single(t => t.RecordId == big).TaskId!.Value;
        Assert.False((await f.Get<ITaskInbox>().GetAsync(bigTask, f.Org.ContextOf(director), default)).Record!.ContainsKey("cost"));
        await f.Get<ITaskActions>().ApproveAsync(bigTask, f.Org.ContextOf(director), "同意", new() { ["discount"] = 0.05 }, default);
        await f.Get<ITaskActions>().RejectAsync(inbox.Single(t => t.RecordId == bigRejected).TaskId!.Value, f.Org.ContextOf(director), "价格过低", default);

        Assert.Equal("approved", (await f.RecordDataAsync(big))["approval"]!.GetValue<string>());
        Assert.Equal(0.05, (await f.RecordDataAsync(big))["discount"]!.GetValue<double>());
        Assert.Equal("rejected", (await f.RecordDataAsync(bigRejected))["approval"]!.GetValue<string>());
        Assert.Equal(3, await f.QuerySingleAsync<long>(
            "SELECT count(*) FROM workflow.instances WHERE definition_key = 'order_approval' AND status = 'completed'"));
    }

    [Fact]
    public async Task A_web_lead_is_assigned_by_region_in_turn_welcomed_escalated_after_30_minutes_and_nurtured_after_72_hours()
    {
        var lead = f.Org.AddUser("web_lead_manager");
        var eastA = f.Org.AddUser("east_a", manager: lead.Id);
        var eastB = f.Org.AddUser("east_b", manager: lead.Id);
        var other = f.Org.AddUser("other_c", manager: lead.Id);
        await f.PublishAsync(Bpmn.Process("web_lead", $"""
            <bpmn:startEvent id="start" lc:trigger="webhook" lc:secret="s3cret" />
            <bpmn:serviceTask id="create" lc:action="createRecord" lc:form="crm/leads" lc:resultVar="leadId">
              <bpmn:extensionElements>
                <lc:set field="name" expr="name" /><lc:set field="email" expr="email" /><lc:set field="region" expr="region" />
                <lc:set field="source" expr="'web'" /><lc:set field="status" expr="'new'" />
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:serviceTask id="assign" lc:action="assignOwner" lc:strategy="byRegion" lc:regionField="region">
              <bpmn:extensionElements>
                <lc:region value="east" users="{eastA.Id},{eastB.Id}" /><lc:region value="*" users="{other.Id}" />
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:serviceTask id="welcome" lc:action="notify" lc:channel="email" lc:toAddress="[[email]]"
                              lc:subject="欢迎 [[name]] / Welcome" lc:body="感谢您的关注 / Thanks for your interest" />
            <bpmn:intermediateCatchEvent id="followUp" name="Wait for follow-up" lc:poll="PT5M">
              <bpmn:conditionalEventDefinition><bpmn:condition>!ISEMPTY(last_follow_up)</bpmn:condition></bpmn:conditionalEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:boundaryEvent id="after30m" attachedToRef="followUp" cancelActivity="false">
              <bpmn:timerEventDefinition><bpmn:timeDuration>PT30M</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:serviceTask id="escalate" lc:action="notify" lc:channel="inApp" lc:to="fieldManager:owner" lc:subject="线索 [[name]] 30 分钟未跟进 / not followed up" />
            <bpmn:endEvent id="escalated" />
            <bpmn:intermediateCatchEvent id="deal" name="Wait for a deal" lc:poll="PT1H">
              <bpmn:conditionalEventDefinition><bpmn:condition>status == 'deal'</bpmn:condition></bpmn:conditionalEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:boundaryEvent id="after72h" attachedToRef="deal">
              <bpmn:timerEventDefinition><bpmn:timeDuration>PT72H</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:serviceTask id="nurture" lc:action="updateRecord"><bpmn:extensionElements><lc:set field="status" expr="'nurture'" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:endEvent id="won" /><bpmn:endEvent id="nurtured" />
            {Bpmn.Flow("a", "start", "create")}{Bpmn.Flow("b", "create", "assign")}{Bpmn.Flow("c", "assign", "welcome")}
            {Bpmn.Flow("d", "welcome", "followUp")}{Bpmn.Flow("e", "after30m", "escalate")}{Bpmn.Flow("g", "escalate", "escalated")}
            {Bpmn.Flow("h", "followUp", "deal")}{Bpmn.Flow("i", "deal", "won")}{Bpmn.Flow("j", "after72h", "nurture")}{Bpmn.Flow("k", "nurture", "nurtured")}
            """).Replace("[[", "{{").Replace("]]", "}}"));

        var runtime = f.Get<IWorkflowRuntime>();
        async Task<Guid> PostAsync(string name, string region, string key)
        {
            var body = Encoding.UTF8.GetBytes($$"""{"name":"{{name}}","email":"{{name}}@customer.test","region":"{{region}}"}""");
            return await runtime.HandleWebhookAsync("web_lead", body, WorkflowRuntime.Sign("s3cret", body), key, default);
        }
        var first = await PostAsync("alpha", "east", "k1");
        Assert.Equal(first, await PostAsync("alpha", "east", "k1"));
        var second = await PostAsync("beta", "east", "k2");
        var third = await PostAsync("gamma", "east", "k3");
        var west = await PostAsync("delta", "west", "k4");
        await Assert.ThrowsAsync<Platform.Workflow.Definitions.WorkflowAccessDeniedException>(() =>
            runtime.HandleWebhookAsync("web_lead", "{}"u8.ToArray(), "sha256=00", "k5", default));

        async Task<Guid> RecordOf(Guid instance) => await f.QuerySingleAsync<Guid>("SELECT record_id FROM workflow.instances WHERE id = @instance", new { instance });
        async Task<Guid?> OwnerOf(Guid instance) => await f.QuerySingleAsync<Guid?>("SELECT owner_id FROM forms.records WHERE id = @r", new { r = await RecordOf(instance) });
        Assert.Equal([eastA.Id, eastB.Id, eastA.Id, other.Id], [await OwnerOf(first), await OwnerOf(second), await OwnerOf(third), await OwnerOf(west)]);

        await f.PumpAsync();
        var mails = f.Smtp.Mails;
        Assert.Equal(4, mails.Count);
        Assert.Contains(mails, m => m.Recipients.SequenceEqual(["alpha@customer.test"]) && m.Data.Contains("X-Idempotency-Key"));

        // The first lead is followed up within 10 minutes; the others are not.
        await f.AdvanceAsync(TimeSpan.FromMinutes(10));
        await f.UpdateRecordAsync(await RecordOf(first), new { last_follow_up = "2026-03-02T08:10:00Z" }, eastA.Id);
        await f.AdvanceAsync(TimeSpan.FromMinutes(25));
        Assert.Equal(3, (await f.NotificationsOfAsync(lead.Id)).Count);
        Assert.DoesNotContain(await f.NotificationsOfAsync(lead.Id), s => s.Contains("alpha"));

        // The second lead becomes a deal; the others are moved to nurturing after 72 hours.
        await f.UpdateRecordAsync(await RecordOf(second), new { last_follow_up = "2026-03-02T09:00:00Z" }, eastB.Id);
        await f.AdvanceAsync(TimeSpan.FromMinutes(10));
        await f.UpdateRecordAsync(await RecordOf(second), new { status = "deal" }, eastB.Id);
        await f.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal("won", await f.QuerySingleAsync<string>("SELECT end_node FROM workflow.instances WHERE id = @second", new { second }));
        await f.UpdateRecordAsync(await RecordOf(third), new { last_follow_up = "2026-03-02T10:00:00Z" }, eastA.Id);
        await f.AdvanceAsync(TimeSpan.FromMinutes(10));
        await f.AdvanceAsync(TimeSpan.FromHours(73));

        Assert.Equal("nurture", (await f.RecordDataAsync(await RecordOf(first)))["status"]!.GetValue<string>());
        Assert.Equal("deal", (await f.RecordDataAsync(await RecordOf(second)))["status"]!.GetValue<string>());
        Assert.Equal("nurture", (await f.RecordDataAsync(await RecordOf(third)))["status"]!.GetValue<string>());
        Assert.Equal("completed", await f.StatusAsync(first));
        Assert.Equal("running", await f.StatusAsync(west));
    }
}
