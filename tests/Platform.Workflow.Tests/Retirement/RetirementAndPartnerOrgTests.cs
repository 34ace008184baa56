using Platform.Workflow.Definitions;
using Platform.Workflow.Runtime;
using Platform.Workflow.Tests.Support;

namespace Platform.Workflow.Tests.Retirement;

public sealed class RetirementAndPartnerOrgTests(WorkflowFixture f) : IClassFixture<WorkflowFixture>
{
    [Fact]
    public async Task Retiring_a_workflow_cancels_its_running_instances_with_the_reason_and_stops_new_starts()
    {
        var approver = f.Org.AddUser("approver");
        await f.PublishAsync(Bpmn.Process("retire_me", $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="t" lc:approvers="user:{approver.Id}" /><bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "t")}{Bpmn.Flow("b", "t", "end")}
            """));
        var runtime = f.Get<IWorkflowRuntime>();
        var instance = await runtime.StartAsync("retire_me", null, null, f.Admin, default);
        Assert.Equal("running", await f.StatusAsync(instance));
        var retirement = f.Get<IWorkflowRetirement>();
        Assert.Equal(1, await retirement.CountRunningAsync(["retire_me"], default));

        var result = await retirement.RetireAsync(["retire_me", "no_such_flow"], "App 'x' was uninstalled / 应用已卸载", default);

        Assert.Equal(["retire_me"], result.Retired);
        Assert.Equal(1, result.InstancesCancelled);
        Assert.Equal("cancelled", await f.StatusAsync(instance));
        Assert.Equal("App 'x' was uninstalled / 应用已卸载",
            await f.QuerySingleAsync<string>("SELECT detail FROM workflow.history WHERE instance_id = @instance AND event = 'cancelled'", new { instance }));
        Assert.Equal(0L, await f.QuerySingleAsync<long>("SELECT count(*) FROM workflow.tasks WHERE instance_id = @instance AND status = 'open'", new { instance }));
        Assert.Equal(0, await retirement.CountRunningAsync(["retire_me"], default));
        await Assert.ThrowsAnyAsync<Exception>(() => runtime.StartAsync("retire_me", null, null, f.Admin, default));
    }

    [Fact]
    public void CreatePartnerOrg_needs_name_and_code_and_knows_only_its_fields()
    {
        var xml = Bpmn.Process("partner_org", """
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="org" lc:action="createPartnerOrg"><bpmn:extensionElements><lc:set field="name" expr="'A'" /><lc:set field="colour" expr="'red'" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            """ + Bpmn.Flow("a", "start", "org") + Bpmn.Flow("b", "org", "end"));
        var e = Assert.Throws<WorkflowDefinitionException>(() => BpmnParser.Parse(xml));
        Assert.Contains(e.Errors, x => x.ElementId == "org" && x.Message.Contains("'colour'"));
        Assert.Contains(e.Errors, x => x.ElementId == "org" && x.Message.Contains("field=\"code\"") && x.MessageZh.Contains("伙伴组织"));
    }
}
