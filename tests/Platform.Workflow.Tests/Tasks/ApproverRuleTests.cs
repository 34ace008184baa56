using Platform.Workflow.Runtime;
using Platform.Workflow.Tasks;
using Platform.Workflow.Tests.Support;

namespace Platform.Workflow.Tests.Tasks;

public sealed class ApproverRuleTests(WorkflowFixture f) : IClassFixture<WorkflowFixture>
{
    private async Task<IReadOnlyList<Guid>> ApproversAsync(string key, string rules, Guid submitter, Guid? record = null, string extra = "")
    {
        await f.PublishAsync(Bpmn.Process(key, $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="t" lc:approvers="{rules}" {extra} /><bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "t")}{Bpmn.Flow("b", "t", "end")}
            """));
        var user = (await f.Org.FindUserAsync(submitter, default))!;
        var id = await f.Get<IWorkflowRuntime>().StartAsync(key, record, null, f.Org.ContextOf(user), default);
        return await f.QueryAsync<Guid>("""
            SELECT a.user_id FROM workflow.task_assignees a JOIN workflow.tasks t ON t.id = a.task_id WHERE t.instance_id = @id ORDER BY a.seq
            """, new { id });
    }

    [Fact]
    public async Task Roles_managers_up_n_levels_member_fields_partner_managers_and_expressions_resolve()
    {
        var ceo = f.Org.AddUser("ceo");
        var vp = f.Org.AddUser("vp", manager: ceo.Id);
        var lead = f.Org.AddUser("lead", manager: vp.Id);
        var rep = f.Org.AddUser("rep", manager: lead.Id);
        var finance = f.Org.AddUser("fin", roles: ["finance"]);
        f.Org.AddUser("fin_off", roles: ["finance"], active: false);
        var partnerBoss = f.Org.AddUser("partner_boss");
        var partner = Guid.NewGuid();
        f.Org.SetPartnerManager(partner, partnerBoss.Id);
        var record = await f.CreateRecordAsync("ap", "deals", new { reviewer = lead.Id.ToString(), partner = partner.ToString() }, rep.Id);

        Assert.Equal([vp.Id], await ApproversAsync("ap_manager2", "manager:2", rep.Id));
        Assert.Equal([finance.Id], await ApproversAsync("ap_role", "role:finance", rep.Id));
        Assert.Equal([lead.Id, vp.Id], await ApproversAsync("ap_field", "field:reviewer;fieldManager:reviewer", rep.Id, record));
        Assert.Equal([partnerBoss.Id], await ApproversAsync("ap_partner", "partnerManager", rep.Id, record));
        Assert.Equal([ceo.Id], await ApproversAsync("ap_expr", "", rep.Id, record, $"lc:approverExpression=\"'{ceo.Id}'\""));
    }

    [Fact]
    public async Task No_active_approver_is_an_incident_not_a_silent_skip()
    {
        var rep = f.Org.AddUser("lonely_rep");
        Assert.Empty(await ApproversAsync("ap_none", "role:nobody_has_this", rep.Id));
        var incident = Assert.Single(await f.Get<Platform.Workflow.Jobs.IWorkflowIncidents>().ListOpenAsync(f.Admin, default), i => i.NodeId == "t" && i.Error.Contains("No active approver"));
        Assert.Contains("找不到", incident.Error);
    }

    [Fact]
    public async Task Returning_sends_the_instance_back_to_an_earlier_step()
    {
        var first = f.Org.AddUser("ret_first");
        var second = f.Org.AddUser("ret_second");
        await f.PublishAsync(Bpmn.Process("return_flow", $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="check" lc:approvers="user:{first.Id}" /><bpmn:userTask id="sign" lc:approvers="user:{second.Id}" /><bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "check")}{Bpmn.Flow("b", "check", "sign")}{Bpmn.Flow("c", "sign", "end")}
            """));
        var id = await f.Get<IWorkflowRuntime>().StartAsync("return_flow", null, null, f.Admin, default);
        var inbox = f.Get<ITaskInbox>();
        var actions = f.Get<ITaskActions>();
        await actions.ApproveAsync((await inbox.ListAsync(f.Org.ContextOf(first), InboxBox.Todo, 0, 5, default))[0].TaskId!.Value, f.Org.ContextOf(first), null, null, default);
        var signTask = (await inbox.ListAsync(f.Org.ContextOf(second), InboxBox.Todo, 0, 5, default))[0].TaskId!.Value;
        await Assert.ThrowsAsync<TaskActionException>(() => actions.ReturnAsync(signTask, f.Org.ContextOf(second), "end", null, default));
        await actions.ReturnAsync(signTask, f.Org.ContextOf(second), "check", "missing quote", default);
        Assert.Single(await inbox.ListAsync(f.Org.ContextOf(first), InboxBox.Todo, 0, 5, default));
        Assert.Equal(["check"], (await f.Get<IInstanceView>().GetAsync(id, f.Admin, default)).CurrentNodes);
    }
}
