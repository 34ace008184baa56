using Platform.Workflow.Runtime;
using Platform.Workflow.Tasks;
using Platform.Workflow.Tests.Support;

namespace Platform.Workflow.Tests.Timers;

public sealed class TimerAndTriggerTests(WorkflowFixture f) : IClassFixture<WorkflowFixture>
{
    [Fact]
    public async Task A_non_interrupting_cycle_reminds_three_times_and_an_interrupting_timer_auto_approves()
    {
        var boss = f.Org.AddUser("cycle_boss");
        await f.PublishAsync(Bpmn.Process("cycle", $"""
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="task" lc:approvers="user:{boss.Id}" />
            <bpmn:boundaryEvent id="remind" attachedToRef="task" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT24H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:serviceTask id="nudge" lc:action="notify" lc:channel="inApp" lc:to="user:{boss.Id}" lc:subject="reminder" />
            <bpmn:boundaryEvent id="auto" attachedToRef="task" lc:outcome="approve"><bpmn:timerEventDefinition><bpmn:timeDuration>P5D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:endEvent id="reminded" /><bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "task")}{Bpmn.Flow("b", "task", "end")}{Bpmn.Flow("c", "remind", "nudge")}{Bpmn.Flow("d", "nudge", "reminded")}
            {Bpmn.Flow("e", "auto", "end")}
            """));
        var id = await f.Get<IWorkflowRuntime>().StartAsync("cycle", null, null, f.Admin, default);
        await f.AdvanceAsync(TimeSpan.FromHours(25));
        Assert.Single(await f.NotificationsOfAsync(boss.Id));
        await f.AdvanceAsync(TimeSpan.FromDays(3));
        Assert.Equal(3, (await f.NotificationsOfAsync(boss.Id)).Count);
        Assert.Equal("running", await f.StatusAsync(id));
        await f.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal("completed", await f.StatusAsync(id));
        Assert.Equal(3, (await f.NotificationsOfAsync(boss.Id)).Count);
        var view = await f.Get<IInstanceView>().GetAsync(id, f.Admin, default);
        Assert.Equal("approved", view.Variables["task_outcome"]!.GetValue<string>());
        Assert.Contains("auto_approve", await f.QueryAsync<string>("SELECT action FROM workflow.task_events WHERE instance_id = @id", new { id }));
    }

    [Fact]
    public async Task An_interrupting_timer_escalates_to_another_approver_and_cancels_the_first_task()
    {
        var first = f.Org.AddUser("esc_first");
        var second = f.Org.AddUser("esc_second");
        await f.PublishAsync(Bpmn.Process("escalate", $"""
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="t1" lc:approvers="user:{first.Id}" />
            <bpmn:boundaryEvent id="late" attachedToRef="t1"><bpmn:timerEventDefinition><bpmn:timeDuration>PT8H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:userTask id="t2" lc:approvers="user:{second.Id}" />
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "t1")}{Bpmn.Flow("b", "t1", "end")}{Bpmn.Flow("c", "late", "t2")}{Bpmn.Flow("d", "t2", "end")}
            """));
        await f.Get<IWorkflowRuntime>().StartAsync("escalate", null, null, f.Admin, default);
        await f.AdvanceAsync(TimeSpan.FromHours(9));
        Assert.Empty(await f.Get<ITaskInbox>().ListAsync(f.Org.ContextOf(first), InboxBox.Todo, 0, 10, default));
        Assert.Single(await f.Get<ITaskInbox>().ListAsync(f.Org.ContextOf(second), InboxBox.Todo, 0, 10, default));
    }

    [Fact]
    public async Task A_timer_can_wait_until_a_date_read_from_the_record()
    {
        await f.PublishAsync(Bpmn.Process("until_date", $"""
            <bpmn:startEvent id="start" />
            <bpmn:intermediateCatchEvent id="wait" lc:offset="-P3D"><bpmn:timerEventDefinition><bpmn:timeDate>$[contract_end]</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "wait")}{Bpmn.Flow("b", "wait", "end")}
            """).Replace("$[contract_end]", "${contract_end}"));
        var end = f.Time.GetUtcNow().AddDays(10).ToString("yyyy-MM-dd");
        var record = await f.CreateRecordAsync("crm", "contracts", new { contract_end = end }, Guid.NewGuid());
        var id = await f.Get<IWorkflowRuntime>().StartAsync("until_date", record, null, f.Admin, default);
        await f.AdvanceAsync(TimeSpan.FromDays(6));
        Assert.Equal("running", await f.StatusAsync(id));
        await f.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Equal("completed", await f.StatusAsync(id));
    }

    [Fact]
    public async Task A_cron_schedule_starts_one_instance_per_matching_record_on_each_tick()
    {
        await f.PublishAsync(Bpmn.Process("daily_check", $"""
            <bpmn:startEvent id="start" lc:trigger="schedule" lc:cron="0 9 * * *" lc:form="sched/tickets" lc:condition="status == 'open'" />
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "end")}
            """));
        var open = await f.CreateRecordAsync("sched", "tickets", new { status = "open" }, Guid.NewGuid());
        var closed = await f.CreateRecordAsync("sched", "tickets", new { status = "closed" }, Guid.NewGuid());
        await f.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Equal(2, (await f.InstancesOfAsync(open)).Count);
        Assert.Empty(await f.InstancesOfAsync(closed));
    }

    [Fact]
    public async Task A_date_field_schedule_starts_once_three_days_before_the_date()
    {
        await f.PublishAsync(Bpmn.Process("renewal", $"""
            <bpmn:startEvent id="start" lc:trigger="dateField" lc:form="renew/contracts" lc:dateField="end_date" lc:offset="-P3D" lc:cron="0 * * * *" />
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "end")}
            """));
        var contract = await f.CreateRecordAsync("renew", "contracts", new { end_date = f.Time.GetUtcNow().AddDays(5).ToString("yyyy-MM-dd") }, Guid.NewGuid());
        await f.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Empty(await f.InstancesOfAsync(contract));
        await f.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Single(await f.InstancesOfAsync(contract));
        await f.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Single(await f.InstancesOfAsync(contract));
    }

    [Fact]
    public async Task Record_triggers_fire_on_create_update_and_on_a_field_changing_to_match()
    {
        await f.PublishAsync(Bpmn.Process("on_create", $"""<bpmn:startEvent id="s" lc:trigger="recordCreated" lc:form="trg/deals" lc:condition="amount > 10" /><bpmn:endEvent id="e" />{Bpmn.Flow("a", "s", "e")}"""));
        await f.PublishAsync(Bpmn.Process("on_won", $"""<bpmn:startEvent id="s" lc:trigger="fieldChanged" lc:form="trg/deals" lc:fields="stage" lc:condition="stage == 'won'" /><bpmn:endEvent id="e" />{Bpmn.Flow("a", "s", "e")}"""));
        var actor = f.Org.AddUser("trigger_actor");
        var big = await f.CreateRecordAsync("trg", "deals", new { amount = 50, stage = "new" }, actor.Id);
        var tiny = await f.CreateRecordAsync("trg", "deals", new { amount = 5, stage = "new" }, actor.Id);
        await f.PumpAsync();
        await f.UpdateRecordAsync(big, new { stage = "won" }, actor.Id);
        await f.UpdateRecordAsync(big, new { stage = "won", note = "again" }, actor.Id);
        await f.UpdateRecordAsync(tiny, new { amount = 6 }, actor.Id);
        await f.PumpAsync();
        Assert.Equal(["on_create", "on_won"], await f.QueryAsync<string>("SELECT definition_key FROM workflow.instances WHERE record_id = @big ORDER BY definition_key", new { big }));
        Assert.Empty(await f.InstancesOfAsync(tiny));
        Assert.Equal(actor.Id, await f.QuerySingleAsync<Guid>("SELECT started_by FROM workflow.instances WHERE record_id = @big AND definition_key = 'on_won'", new { big }));
    }
}
