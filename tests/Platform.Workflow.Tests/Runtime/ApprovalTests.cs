using System.Text.Json.Nodes;
using Platform.Workflow.Definitions;
using Platform.Workflow.Runtime;
using Platform.Workflow.Tasks;
using Platform.Workflow.Tests.Support;

namespace Platform.Workflow.Tests.Runtime;

public sealed class ApprovalTests(WorkflowFixture f) : IClassFixture<WorkflowFixture>
{
    private static string Approval(string key, string approvers, string mode = "any", string extra = "") => Bpmn.Process(key, $"""
        <bpmn:startEvent id="start" />
        <bpmn:userTask id="approve" name="Approve" lc:approvers="{approvers}" lc:mode="{mode}" {extra} />
        <bpmn:serviceTask id="mark" lc:action="updateRecord"><bpmn:extensionElements><lc:set field="status" expr="'approved'" /></bpmn:extensionElements></bpmn:serviceTask>
        <bpmn:endEvent id="end" />
        {Bpmn.Flow("f1", "start", "approve")}
        {Bpmn.Flow("f2", "approve", "mark")}
        {Bpmn.Flow("f3", "mark", "end")}
        """);

    private async Task<(Guid Instance, Guid Record)> StartAsync(string key, string approvers, string mode = "any", string extra = "", Guid? submitter = null)
    {
        var user = submitter is { } s ? (await f.Org.FindUserAsync(s, default))! : f.Org.AddUser("submitter" + key);
        await f.PublishAsync(Approval(key, approvers, mode, extra));
        var record = await f.CreateRecordAsync("crm", "orders", new { amount = 5 }, user.Id);
        var instance = await f.Get<IWorkflowRuntime>().StartAsync(key, record, null, f.Org.ContextOf(user), default);
        return (instance, record);
    }

    private async Task<Guid> TaskOfAsync(Guid instance) =>
        await f.QuerySingleAsync<Guid>("SELECT id FROM workflow.tasks WHERE instance_id = @instance AND status = 'open'", new { instance });

    [Fact]
    public async Task Approving_a_task_moves_on_updates_the_record_and_completes_the_instance()
    {
        var boss = f.Org.AddUser("boss1");
        var (instance, record) = await StartAsync("approve_one", $"user:{boss.Id}");
        var inbox = f.Get<ITaskInbox>();
        var todo = await inbox.ListAsync(f.Org.ContextOf(boss), InboxBox.Todo, 0, 10, default);
        Assert.Single(todo);
        Assert.Equal(1, (await inbox.CountsAsync(f.Org.ContextOf(boss), default)).Todo);

        await f.Get<ITaskActions>().ApproveAsync(todo[0].TaskId!.Value, f.Org.ContextOf(boss), "fine", null, default);

        Assert.Equal("completed", await f.StatusAsync(instance));
        Assert.Equal("approved", (await f.RecordDataAsync(record))["status"]!.GetValue<string>());
        Assert.Empty(await inbox.ListAsync(f.Org.ContextOf(boss), InboxBox.Todo, 0, 10, default));
        Assert.Single(await inbox.ListAsync(f.Org.ContextOf(boss), InboxBox.Done, 0, 10, default));
        var view = await f.Get<IInstanceView>().GetAsync(instance, f.Admin, default);
        Assert.Equal(["approve", "end", "mark", "start"], view.VisitedNodes.Order());
        Assert.Equal(["f1", "f2", "f3"], view.TakenFlows.Order());
        Assert.Empty(view.CurrentNodes);
        Assert.Equal("approved", view.Variables["approve_outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task Someone_who_is_not_an_approver_cannot_act()
    {
        var boss = f.Org.AddUser("boss2");
        var stranger = f.Org.AddUser("stranger2");
        var (instance, _) = await StartAsync("approve_stranger", $"user:{boss.Id}");
        var task = await TaskOfAsync(instance);
        await Assert.ThrowsAsync<WorkflowAccessDeniedException>(() => f.Get<ITaskActions>().ApproveAsync(task, f.Org.ContextOf(stranger), null, null, default));
        await Assert.ThrowsAsync<WorkflowAccessDeniedException>(() => f.Get<ITaskInbox>().GetAsync(task, f.Org.ContextOf(stranger), default));
        Assert.Equal("running", await f.StatusAsync(instance));
    }

    [Fact]
    public async Task Rejecting_ends_the_instance_as_rejected_without_running_later_steps()
    {
        var boss = f.Org.AddUser("boss3");
        var (instance, record) = await StartAsync("approve_reject", $"user:{boss.Id}");
        await f.Get<ITaskActions>().RejectAsync(await TaskOfAsync(instance), f.Org.ContextOf(boss), "too expensive", default);
        Assert.Equal("rejected", await f.StatusAsync(instance));
        Assert.Null((await f.RecordDataAsync(record))["status"]);
    }

    [Fact]
    public async Task All_mode_waits_for_every_approver()
    {
        var a = f.Org.AddUser("all_a");
        var b = f.Org.AddUser("all_b");
        var (instance, _) = await StartAsync("approve_all", $"user:{a.Id};user:{b.Id}", "all");
        var task = await TaskOfAsync(instance);
        await f.Get<ITaskActions>().ApproveAsync(task, f.Org.ContextOf(a), null, null, default);
        Assert.Equal("running", await f.StatusAsync(instance));
        await f.Get<ITaskActions>().ApproveAsync(task, f.Org.ContextOf(b), null, null, default);
        Assert.Equal("completed", await f.StatusAsync(instance));
    }

    [Fact]
    public async Task Sequential_mode_offers_the_task_to_one_approver_after_the_other()
    {
        var a = f.Org.AddUser("seq_a");
        var b = f.Org.AddUser("seq_b");
        var (instance, _) = await StartAsync("approve_seq", $"user:{a.Id};user:{b.Id}", "sequential");
        var task = await TaskOfAsync(instance);
        Assert.Empty(await f.Get<ITaskInbox>().ListAsync(f.Org.ContextOf(b), InboxBox.Todo, 0, 10, default));
        await Assert.ThrowsAsync<WorkflowAccessDeniedException>(() => f.Get<ITaskActions>().ApproveAsync(task, f.Org.ContextOf(b), null, null, default));
        await f.Get<ITaskActions>().ApproveAsync(task, f.Org.ContextOf(a), null, null, default);
        Assert.Single(await f.Get<ITaskInbox>().ListAsync(f.Org.ContextOf(b), InboxBox.Todo, 0, 10, default));
        await f.Get<ITaskActions>().ApproveAsync(task, f.Org.ContextOf(b), null, null, default);
        Assert.Equal("completed", await f.StatusAsync(instance));
    }

    [Fact]
    public async Task Transfer_hands_the_task_over_and_add_signer_adds_an_approver()
    {
        var a = f.Org.AddUser("tr_a");
        var b = f.Org.AddUser("tr_b");
        var c = f.Org.AddUser("tr_c");
        var (instance, _) = await StartAsync("approve_transfer", $"user:{a.Id}", "all");
        var task = await TaskOfAsync(instance);
        var actions = f.Get<ITaskActions>();
        await actions.TransferAsync(task, f.Org.ContextOf(a), b.Id, "on leave", default);
        await Assert.ThrowsAsync<WorkflowAccessDeniedException>(() => actions.ApproveAsync(task, f.Org.ContextOf(a), null, null, default));
        await actions.AddSignerAsync(task, f.Org.ContextOf(b), c.Id, "legal must see this", default);
        await actions.CommentAsync(task, f.Org.ContextOf(b), "checking", default);
        await actions.ApproveAsync(task, f.Org.ContextOf(b), null, null, default);
        Assert.Equal("running", await f.StatusAsync(instance));
        await actions.ApproveAsync(task, f.Org.ContextOf(c), null, null, default);
        Assert.Equal("completed", await f.StatusAsync(instance));
        var detail = await f.Get<ITaskInbox>().GetAsync(task, f.Admin, default);
        Assert.Equal(["created", "transfer", "add_signer", "comment", "approve", "approve"], detail.Audit.Select(e => e.Action));
    }

    [Fact]
    public async Task Only_editable_fields_can_be_changed_and_hidden_fields_are_not_shown()
    {
        var boss = f.Org.AddUser("fa_boss");
        var (instance, record) = await StartAsync("approve_fields", $"user:{boss.Id}", extra: "lc:fieldAccess=\"discount:editable,cost:hidden\"");
        await f.UpdateRecordAsync(record, new { cost = 70 }, boss.Id);
        var task = await TaskOfAsync(instance);
        var detail = await f.Get<ITaskInbox>().GetAsync(task, f.Org.ContextOf(boss), default);
        Assert.False(detail.Record!.ContainsKey("cost"));
        Assert.True(detail.Record.ContainsKey("amount"));
        var actions = f.Get<ITaskActions>();
        await Assert.ThrowsAsync<TaskActionException>(() => actions.ApproveAsync(task, f.Org.ContextOf(boss), null, new JsonObject { ["amount"] = 1 }, default));
        await actions.ApproveAsync(task, f.Org.ContextOf(boss), null, new JsonObject { ["discount"] = 0.1 }, default);
        var data = await f.RecordDataAsync(record);
        Assert.Equal(0.1, data["discount"]!.GetValue<double>());
        Assert.Equal(5, data["amount"]!.GetValue<int>());
    }
}
