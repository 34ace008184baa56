using Platform.Workflow.Jobs;
using Platform.Workflow.Runtime;
using Platform.Workflow.Tests.Support;

namespace Platform.Workflow.Tests.Runtime;

/// <summary>Error boundary events catch a failing task by error code; uncaught failures stay incidents.</summary>
public sealed class ErrorBoundaryTests(WorkflowFixture f) : IClassFixture<WorkflowFixture>
{
    private static string WithErrors(string xml, params (string Id, string Code)[] errors) =>
        xml.Replace("</bpmn:process>", "</bpmn:process>" + string.Concat(errors.Select(e => $"""<bpmn:error id="{e.Id}" errorCode="{e.Code}" />""")));

    private async Task<IReadOnlyList<IncidentItem>> IncidentsOfAsync(Guid instance) =>
        (await f.Get<IWorkflowIncidents>().ListOpenAsync(f.Admin, default)).Where(i => i.InstanceId == instance).ToList();

    [Fact]
    public async Task A_record_write_the_form_refuses_is_caught_by_the_record_error_boundary()
    {
        await f.PublishAsync(WithErrors(Bpmn.Process("caught_record", $"""
            <bpmn:startEvent id="start" lc:trigger="recordCreated" lc:form="strict/tickets" />
            <bpmn:serviceTask id="bump" lc:action="updateRecord"><bpmn:extensionElements><lc:set field="priority" expr="priority + 8" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:boundaryEvent id="refused" attachedToRef="bump"><bpmn:errorEventDefinition errorRef="RecordErr" /></bpmn:boundaryEvent>
            <bpmn:serviceTask id="flag" lc:action="updateRecord"><bpmn:extensionElements><lc:set field="status" expr="'needs_review'" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:endEvent id="done" /><bpmn:endEvent id="handled" />
            {Bpmn.Flow("a", "start", "bump")}{Bpmn.Flow("b", "bump", "done")}{Bpmn.Flow("c", "refused", "flag")}{Bpmn.Flow("d", "flag", "handled")}
            """), ("RecordErr", "record")));
        var ticket = await f.CreateRecordAsync("strict", "tickets", new { title = "Scanner", priority = 2 }, Guid.NewGuid());
        await f.PumpAsync();

        var instance = Assert.Single(await f.InstancesOfAsync(ticket));
        Assert.Equal("completed", await f.StatusAsync(instance));
        Assert.Equal("handled", await f.QuerySingleAsync<string>("SELECT end_node FROM workflow.instances WHERE id = @instance", new { instance }));
        Assert.Empty(await IncidentsOfAsync(instance));
        var data = await f.RecordDataAsync(ticket);
        Assert.Equal(2, data["priority"]!.GetValue<decimal>());
        Assert.Equal("needs_review", data["status"]!.GetValue<string>());
        var error = (await f.Get<IInstanceView>().GetAsync(instance, f.Admin, default)).Variables["error"]!;
        Assert.Equal("record", error["code"]!.GetValue<string>());
        Assert.Equal("bump", error["node"]!.GetValue<string>());
        Assert.Contains("priority", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_http_step_out_of_retries_leaves_through_its_http_error_boundary()
    {
        await using var server = await HttpReceiver.StartAsync();
        server.Respond = (_, _) => (502, "{}");
        await f.PublishAsync(WithErrors(Bpmn.Process("caught_http", $"""
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="call" lc:action="http" lc:url="{server.BaseUrl}/crm" lc:retries="1" />
            <bpmn:boundaryEvent id="down" attachedToRef="call"><bpmn:errorEventDefinition errorRef="HttpErr" /></bpmn:boundaryEvent>
            <bpmn:endEvent id="done" /><bpmn:endEvent id="fallback" />
            {Bpmn.Flow("a", "start", "call")}{Bpmn.Flow("b", "call", "done")}{Bpmn.Flow("c", "down", "fallback")}
            """), ("HttpErr", "http")));
        var id = await f.Get<IWorkflowRuntime>().StartAsync("caught_http", null, null, f.Admin, default);
        await f.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("completed", await f.StatusAsync(id));
        Assert.Equal("fallback", await f.QuerySingleAsync<string>("SELECT end_node FROM workflow.instances WHERE id = @id", new { id }));
        Assert.Empty(await IncidentsOfAsync(id));
        Assert.Equal(0, await f.QuerySingleAsync<long>("SELECT count(*) FROM workflow.jobs WHERE instance_id = @id", new { id }));
    }

    [Fact]
    public async Task A_boundary_without_a_code_catches_any_failure_and_one_with_another_code_does_not()
    {
        await f.PublishAsync(WithErrors(Bpmn.Process("caught_any", $"""
            <bpmn:startEvent id="start" />
            <bpmn:scriptTask id="calc" scriptFormat="javascript"><bpmn:script>missing.value * 2</bpmn:script></bpmn:scriptTask>
            <bpmn:boundaryEvent id="anyError" attachedToRef="calc"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
            <bpmn:endEvent id="done" /><bpmn:endEvent id="caught" />
            {Bpmn.Flow("a", "start", "calc")}{Bpmn.Flow("b", "calc", "done")}{Bpmn.Flow("c", "anyError", "caught")}
            """)));
        await f.PublishAsync(WithErrors(Bpmn.Process("uncaught_script", $"""
            <bpmn:startEvent id="start" />
            <bpmn:scriptTask id="calc" scriptFormat="javascript"><bpmn:script>missing.value * 2</bpmn:script></bpmn:scriptTask>
            <bpmn:boundaryEvent id="httpOnly" attachedToRef="calc"><bpmn:errorEventDefinition errorRef="HttpErr" /></bpmn:boundaryEvent>
            <bpmn:endEvent id="done" /><bpmn:endEvent id="caught" />
            {Bpmn.Flow("a", "start", "calc")}{Bpmn.Flow("b", "calc", "done")}{Bpmn.Flow("c", "httpOnly", "caught")}
            """), ("HttpErr", "http")));
        var caught = await f.Get<IWorkflowRuntime>().StartAsync("caught_any", null, null, f.Admin, default);
        var uncaught = await f.Get<IWorkflowRuntime>().StartAsync("uncaught_script", null, null, f.Admin, default);

        Assert.Equal("caught", await f.QuerySingleAsync<string>("SELECT end_node FROM workflow.instances WHERE id = @caught", new { caught }));
        Assert.Equal("script", (await f.Get<IInstanceView>().GetAsync(caught, f.Admin, default)).Variables["anyError_error"]!["code"]!.GetValue<string>());
        Assert.Equal("running", await f.StatusAsync(uncaught));
        Assert.Equal("calc", Assert.Single(await IncidentsOfAsync(uncaught)).NodeId);
    }

    [Fact]
    public async Task Error_boundaries_that_would_not_interrupt_or_sit_on_waits_are_refused_on_publish()
    {
        var e = await Assert.ThrowsAsync<Platform.Workflow.Definitions.WorkflowDefinitionException>(() => f.PublishAsync(Bpmn.Process("bad_error_boundary", $"""
            <bpmn:startEvent id="start" />
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:boundaryEvent id="onWait" attachedToRef="wait"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
            <bpmn:serviceTask id="task" />
            <bpmn:boundaryEvent id="soft" attachedToRef="task" cancelActivity="false"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "wait")}{Bpmn.Flow("b", "wait", "task")}{Bpmn.Flow("c", "task", "end")}{Bpmn.Flow("d", "onWait", "end")}{Bpmn.Flow("g", "soft", "end")}
            """)));
        Assert.Contains(e.Errors, x => x.ElementId == "onWait");
        Assert.Contains(e.Errors, x => x.ElementId == "soft" && x.Message.Contains("cancelActivity"));
    }
}
