using Microsoft.Extensions.DependencyInjection;
using Platform.Workflow.Definitions;
using Platform.Workflow.Runtime;
using Platform.Workflow.Tests.Support;

namespace Platform.Workflow.Tests.Definitions;

public sealed class DefinitionTests(WorkflowFixture f) : IClassFixture<WorkflowFixture>
{
    private async Task<IReadOnlyList<DefinitionError>> PublishErrorsAsync(string xml)
    {
        var e = await Assert.ThrowsAsync<WorkflowDefinitionException>(() => f.PublishAsync(xml));
        return e.Errors;
    }

    [Fact]
    public async Task A_bpmn_file_drawn_in_bpmn_io_imports_publishes_and_runs()
    {
        var xml = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Files", "bpmnio-order-check.bpmn"));
        await f.PublishAsync(xml);
        var runtime = f.Get<IWorkflowRuntime>();
        var large = await runtime.StartAsync("Process_0kz0x9b", null, new() { ["amount"] = 500 }, f.Admin, default);
        var small = await runtime.StartAsync("Process_0kz0x9b", null, new() { ["amount"] = 5 }, f.Admin, default);
        Assert.Equal("running", await f.StatusAsync(large));
        await f.AdvanceAsync(TimeSpan.FromMinutes(61));
        Assert.Equal("completed", await f.StatusAsync(large));
        Assert.Equal("Event_large", await f.QuerySingleAsync<string>("SELECT end_node FROM workflow.instances WHERE id = @large", new { large }));
        Assert.Equal("Event_small", await f.QuerySingleAsync<string>("SELECT end_node FROM workflow.instances WHERE id = @small", new { small }));
    }

    [Fact]
    public void Unsupported_elements_are_refused_by_name()
    {
        var xml = Bpmn.Process("unsupported", $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="inner" />
            <bpmn:inclusiveGateway id="incl" />
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "end")}
            """);
        var e = Assert.Throws<WorkflowDefinitionException>(() => BpmnParser.Parse(xml));
        Assert.Contains(e.Errors, x => x.ElementId == "inner" && x.Message.Contains("<subProcess>"));
        Assert.Contains(e.Errors, x => x.ElementId == "incl" && x.Message.Contains("<inclusiveGateway>") && x.MessageZh.Contains("不支持"));
    }

    [Fact]
    public async Task Import_refuses_unsupported_elements_and_saves_nothing()
    {
        var xml = Bpmn.Process("refused_import", """<bpmn:startEvent id="s"><bpmn:messageEventDefinition /></bpmn:startEvent>""");
        await using var scope = f.Services.CreateAsyncScope();
        var definitions = scope.ServiceProvider.GetRequiredService<IWorkflowDefinitions>();
        var e = await Assert.ThrowsAsync<WorkflowDefinitionException>(() => definitions.ImportAsync(xml, null, f.Admin, default));
        Assert.Contains("messageEventDefinition", e.Message);
        Assert.DoesNotContain(await definitions.ListAsync(default), d => d.Key == "refused_import");
    }

    [Fact]
    public async Task Publish_reports_unreachable_nodes_missing_defaults_approvers_bad_timers_and_unknown_fields()
    {
        var errors = await PublishErrorsAsync(Bpmn.Process("invalid_all", $"""
            <bpmn:startEvent id="start" lc:trigger="recordCreated" lc:form="catalog/checked" lc:condition="amount > 1" />
            <bpmn:exclusiveGateway id="gw" />
            <bpmn:userTask id="nobody" />
            <bpmn:intermediateCatchEvent id="badtimer"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end" />
            <bpmn:endEvent id="orphan" />
            {Bpmn.Flow("a", "start", "gw")}
            {Bpmn.Flow("b", "gw", "nobody", "colour == 'red'")}
            {Bpmn.Flow("c", "gw", "badtimer", "amount > 5")}
            {Bpmn.Flow("d", "nobody", "end")}
            {Bpmn.Flow("e", "badtimer", "end")}
            """));
        Assert.Contains(errors, e => e.ElementId == "orphan" && e.Message.Contains("cannot be reached"));
        Assert.Contains(errors, e => e.ElementId == "gw" && e.Message.Contains("no default path"));
        Assert.Contains(errors, e => e.ElementId == "nobody" && e.Message.Contains("no approvers"));
        Assert.Contains(errors, e => e.ElementId == "b" && e.Message.Contains("'colour'"));
        Assert.DoesNotContain(errors, e => e.ElementId == "c");
    }

    [Fact]
    public async Task The_registered_catalog_reads_published_forms_and_refuses_writes_to_fields_they_lack()
    {
        Assert.IsType<FormsWorkflowCatalog>(f.Get<IWorkflowFormCatalog>());
        await f.EnsureFormsAsync();
        Assert.Equal(new HashSet<string> { "amount", "stage" }, await f.Get<IWorkflowFormCatalog>().GetFieldKeysAsync("catalog", "checked", default));
        Assert.Null(await f.Get<IWorkflowFormCatalog>().GetFieldKeysAsync("catalog", "never_published", default));
        var errors = await PublishErrorsAsync(Bpmn.Process("bad_writes", $"""
            <bpmn:startEvent id="start" lc:trigger="recordCreated" lc:form="catalog/checked" />
            <bpmn:serviceTask id="upd" lc:action="updateRecord"><bpmn:extensionElements><lc:set field="colour" expr="'red'" /><lc:set field="stage" expr="'x'" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="make" lc:action="createRecord" lc:form="crm/quotes"><bpmn:extensionElements><lc:set field="titel" expr="'x'" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "upd")}{Bpmn.Flow("b", "upd", "make")}{Bpmn.Flow("c", "make", "end")}
            """));
        Assert.Contains(errors, e => e.ElementId == "upd" && e.Message.Contains("'colour'"));
        Assert.DoesNotContain(errors, e => e.Message.Contains("'stage'"));
        Assert.Contains(errors, e => e.ElementId == "make" && e.Message.Contains("'titel'") && e.Message.Contains("crm/quotes"));
    }

    [Fact]
    public void Parse_errors_are_reported_before_publish_for_bad_timers()
    {
        var xml = Bpmn.Process("bad_cycle", $"""
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="t" lc:approvers="role:x" />
            <bpmn:boundaryEvent id="b" attachedToRef="t" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>every day</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "t")}{Bpmn.Flow("c", "t", "end")}{Bpmn.Flow("d", "b", "end")}
            """);
        var e = Assert.Throws<WorkflowDefinitionException>(() => BpmnParser.Parse(xml));
        Assert.Contains(e.Errors, x => x.ElementId == "b" && x.Message.Contains("every day"));
        var duration = Assert.Throws<WorkflowDefinitionException>(() => BpmnParser.Parse(xml.Replace("<bpmn:timeCycle>every day</bpmn:timeCycle>", "<bpmn:timeDuration>soon</bpmn:timeDuration>")));
        Assert.Contains(duration.Errors, x => x.ElementId == "b" && x.Message.Contains("'soon'"));
    }

    [Fact]
    public async Task Instances_stay_on_the_version_they_started_on()
    {
        string Version(string endName) => Bpmn.Process("versioned", $"""
            <bpmn:startEvent id="start" />
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="{endName}" />
            {Bpmn.Flow("a", "start", "wait")}{Bpmn.Flow("b", "wait", endName)}
            """);
        await f.PublishAsync(Version("end_v1"));
        var first = await f.Get<IWorkflowRuntime>().StartAsync("versioned", null, null, f.Admin, default);
        await f.PublishAsync(Version("end_v2"));
        var second = await f.Get<IWorkflowRuntime>().StartAsync("versioned", null, null, f.Admin, default);
        await f.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal("end_v1", await f.QuerySingleAsync<string>("SELECT end_node FROM workflow.instances WHERE id = @first", new { first }));
        Assert.Equal("end_v2", await f.QuerySingleAsync<string>("SELECT end_node FROM workflow.instances WHERE id = @second", new { second }));

        await using var scope = f.Services.CreateAsyncScope();
        var definitions = scope.ServiceProvider.GetRequiredService<IWorkflowDefinitions>();
        var versions = await definitions.VersionsAsync("versioned", default);
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.True(versions[0].IsCurrent);
        Assert.False(versions[1].IsCurrent);
        Assert.Contains("end_v1", await definitions.ExportAsync("versioned", 1, default));
    }

    [Fact]
    public async Task Only_administrators_change_definitions()
    {
        var user = f.Org.AddUser("not_admin");
        await using var scope = f.Services.CreateAsyncScope();
        var definitions = scope.ServiceProvider.GetRequiredService<IWorkflowDefinitions>();
        await Assert.ThrowsAsync<WorkflowAccessDeniedException>(() =>
            definitions.SaveDraftAsync("sneaky", Bpmn.Process("sneaky", "<bpmn:startEvent id=\"s\" />"), f.Org.ContextOf(user), default));
    }
}
