using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Records;
using Platform.Studio.Runtime.Workflow;
using Platform.Workflow.Definitions;
using Platform.Workflow.Runtime;
using Platform.Workflow.Tasks;

namespace Platform.Studio.Tests.Workbench;

public sealed class RecordWorkflowsTests(WorkbenchDatabaseFixture db) : IClassFixture<WorkbenchDatabaseFixture>
{
    private const string App = "wb";

    [Fact]
    public async Task A_record_shows_its_waiting_step_to_every_reader_and_the_path_and_return_targets_only_to_those_involved()
    {
        var (form, submitter, first, second, outsider) = ("deal1", await db.NewUserAsync("提交人"), await db.NewUserAsync("初审"), await db.NewUserAsync("复审"), await db.NewUserAsync("旁人"));
        await db.PublishFormAsync(App, form);
        await PublishWorkflowAsync("wb_two_steps", form, first.UserId, second.UserId);
        var record = await CreateRecordAsync(form, submitter);

        Assert.Equal(["wb_two_steps"], (await db.Get<RecordWorkflows>().ManualStartsAsync(App, form, CancellationToken.None)).Select(s => s.Key));
        Assert.Empty(await db.Get<RecordWorkflows>().ManualStartsAsync(App, "other", CancellationToken.None));

        await db.Get<IWorkflowRuntime>().StartAsync("wb_two_steps", record, null, submitter, CancellationToken.None);
        var step = Assert.Single(Assert.Single(await db.Get<RecordWorkflows>().ForRecordAsync(first, record, CancellationToken.None)).OpenSteps);
        Assert.Equal("初审", step.Name);
        Assert.True(step.IsTurnOf(first.UserId));
        Assert.False(step.IsTurnOf(submitter.UserId));
        Assert.Equal(["初审"], step.Assignees.Select(a => a.Name));

        await db.Get<ITaskActions>().ApproveAsync(step.TaskId, first, "可以", null, CancellationToken.None);

        var state = Assert.Single(await db.Get<RecordWorkflows>().ForRecordAsync(second, record, CancellationToken.None));
        Assert.True(state.IsRunning);
        Assert.Equal("复审", Assert.Single(state.OpenSteps).Name);
        var path = Assert.IsType<WorkflowPath>(state.Path);
        Assert.Equal(["second"], path.Current);
        Assert.Contains("first", path.Visited);
        Assert.Contains("f1", path.TakenFlows);
        Assert.Equal(["first"], path.ReturnTargets.Select(t => t.NodeId));
        Assert.Contains(path.Comments, c => c.Actor == "初审" && c.Action == "approve" && c.Comment == "可以");
        Assert.Contains("BPMNDiagram", path.BpmnXml); // laid out for the viewer although the file had no diagram

        var seenByOutsider = Assert.Single(await db.Get<RecordWorkflows>().ForRecordAsync(outsider, record, CancellationToken.None));
        Assert.Null(seenByOutsider.Path);
        Assert.Equal("复审", Assert.Single(seenByOutsider.OpenSteps).Name);
        Assert.False(seenByOutsider.OpenSteps[0].IsTurnOf(outsider.UserId));
    }

    [Fact]
    public async Task A_record_without_workflows_has_none()
    {
        await db.PublishFormAsync(App, "deal2");
        var record = await CreateRecordAsync("deal2", await db.NewUserAsync("某人"));
        Assert.Empty(await db.Get<RecordWorkflows>().ForRecordAsync(UserContext.System, record, CancellationToken.None));
    }

    private async Task<Guid> CreateRecordAsync(string form, UserContext user)
    {
        var result = await db.Get<IRecordStore>().CreateAsync(user, App, form, new JsonObject { ["name"] = "华东项目" }, CancellationToken.None);
        return Assert.IsType<RecordWriteResult.Saved>(result).Record.Id;
    }

    private Task PublishWorkflowAsync(string key, string form, Guid first, Guid second) => db.InScopeAsync(async sp =>
    {
        var definitions = sp.GetRequiredService<IWorkflowDefinitions>();
        await definitions.SaveDraftAsync(key, $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:lc="https://lowcode-platform.dev/schema/workflow/1.0" id="d" targetNamespace="t">
              <bpmn:process id="{{key}}" name="两级审批" isExecutable="true">
                <bpmn:startEvent id="start" lc:trigger="manual" lc:form="{{App}}/{{form}}" />
                <bpmn:userTask id="first" name="初审" lc:approvers="user:{{first}}" />
                <bpmn:userTask id="second" name="复审" lc:approvers="user:{{second}}" />
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="first" />
                <bpmn:sequenceFlow id="f1" sourceRef="first" targetRef="second" />
                <bpmn:sequenceFlow id="f2" sourceRef="second" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """, UserContext.System, CancellationToken.None);
        return await definitions.PublishAsync(key, UserContext.System, CancellationToken.None);
    });
}
