using System.Text.Json.Nodes;
using Platform.Workflow.Jobs;
using Platform.Workflow.Runtime;
using Platform.Workflow.Tests.Support;

namespace Platform.Workflow.Tests.Runtime;

/// <summary>Gateways, end events, script tasks, incidents.</summary>
public sealed class FlowElementTests(WorkflowFixture f) : IClassFixture<WorkflowFixture>
{
    private Task<Guid> StartAsync(string key, JsonObject? vars = null, Guid? record = null) =>
        f.Get<IWorkflowRuntime>().StartAsync(key, record, vars, f.Admin, default);

    private Task<string> EndNodeAsync(Guid id) => f.QuerySingleAsync<string>("SELECT end_node FROM workflow.instances WHERE id = @id", new { id });

    [Fact]
    public async Task Exclusive_gateway_takes_the_first_true_condition_or_rule_else_the_default()
    {
        await f.PublishAsync(Bpmn.Process("exclusive", $"""
            <bpmn:startEvent id="start" />
            <bpmn:exclusiveGateway id="gw" default="toSmall" />
            <bpmn:endEvent id="big" /><bpmn:endEvent id="vip" /><bpmn:endEvent id="small" />
            {Bpmn.Flow("a", "start", "gw")}
            {Bpmn.Flow("toBig", "gw", "big", "amount > 100000")}
            <bpmn:sequenceFlow id="toVip" sourceRef="gw" targetRef="vip" lc:field="tier" lc:op="eq" lc:value="gold" />
            {Bpmn.Flow("toSmall", "gw", "small")}
            """));
        Assert.Equal("big", await EndNodeAsync(await StartAsync("exclusive", new() { ["amount"] = 200000, ["tier"] = "gold" })));
        Assert.Equal("vip", await EndNodeAsync(await StartAsync("exclusive", new() { ["amount"] = 10, ["tier"] = "gold" })));
        Assert.Equal("small", await EndNodeAsync(await StartAsync("exclusive", new() { ["amount"] = 10, ["tier"] = "silver" })));
    }

    [Fact]
    public async Task Parallel_gateway_forks_and_joins_only_when_every_branch_arrived()
    {
        await f.PublishAsync(Bpmn.Process("parallel", $"""
            <bpmn:startEvent id="start" />
            <bpmn:parallelGateway id="fork" />
            <bpmn:intermediateCatchEvent id="short"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="long"><bpmn:timerEventDefinition><bpmn:timeDuration>PT3H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:parallelGateway id="join" />
            <bpmn:scriptTask id="after"><bpmn:script>[1]</bpmn:script></bpmn:scriptTask>
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "fork")}{Bpmn.Flow("b", "fork", "short")}{Bpmn.Flow("c", "fork", "long")}
            {Bpmn.Flow("d", "short", "join")}{Bpmn.Flow("e", "long", "join")}{Bpmn.Flow("g", "join", "after")}{Bpmn.Flow("h", "after", "end")}
            """));
        var id = await StartAsync("parallel");
        var view = f.Get<IInstanceView>();
        Assert.Equal(["long", "short"], (await view.GetAsync(id, f.Admin, default)).CurrentNodes);
        await f.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal(["join", "long"], (await view.GetAsync(id, f.Admin, default)).CurrentNodes);
        Assert.Equal(0, await f.QuerySingleAsync<long>("SELECT count(*) FROM workflow.history WHERE instance_id = @id AND node_id = 'after'", new { id }));
        await f.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal("completed", await f.StatusAsync(id));
        Assert.Equal(1, await f.QuerySingleAsync<long>("SELECT count(*) FROM workflow.history WHERE instance_id = @id AND node_id = 'after' AND event = 'entered'", new { id }));
    }

    [Fact]
    public async Task Terminate_end_cancels_the_other_branches_and_error_end_fails_the_instance()
    {
        await f.PublishAsync(Bpmn.Process("terminate", $"""
            <bpmn:startEvent id="start" />
            <bpmn:parallelGateway id="fork" />
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="normal" />
            <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>
            {Bpmn.Flow("a", "start", "fork")}{Bpmn.Flow("b", "fork", "wait")}{Bpmn.Flow("c", "fork", "stop")}{Bpmn.Flow("d", "wait", "normal")}
            """));
        var id = await StartAsync("terminate");
        Assert.Equal("terminated", await f.StatusAsync(id));
        Assert.Equal(0, await f.QuerySingleAsync<long>("SELECT count(*) FROM workflow.jobs WHERE instance_id = @id", new { id }));

        await f.PublishAsync(Bpmn.Process("error_end", $"""
            <bpmn:startEvent id="start" />
            <bpmn:endEvent id="boom"><bpmn:errorEventDefinition errorRef="Err" /></bpmn:endEvent>
            {Bpmn.Flow("a", "start", "boom")}
            """).Replace("</bpmn:process>", "</bpmn:process><bpmn:error id=\"Err\" errorCode=\"CREDIT_LIMIT\" />"));
        var failed = await StartAsync("error_end");
        Assert.Equal("failed", await f.StatusAsync(failed));
        Assert.Equal("CREDIT_LIMIT", await f.QuerySingleAsync<string>("SELECT error_code FROM workflow.instances WHERE id = @failed", new { failed }));
    }

    [Fact]
    public async Task A_script_result_becomes_variables_the_next_gateway_reads()
    {
        await f.PublishAsync(Bpmn.Process("script", $"""
            <bpmn:startEvent id="start" />
            <bpmn:scriptTask id="score" scriptFormat="javascript"><bpmn:script>(OPEN score: ROUND(amount * 0.15, 0), grade: amount > 1000 ? 'A' : 'B' CLOSE)</bpmn:script></bpmn:scriptTask>
            <bpmn:exclusiveGateway id="gw" default="toB" />
            <bpmn:endEvent id="a_end" /><bpmn:endEvent id="b_end" />
            {Bpmn.Flow("a", "start", "score")}{Bpmn.Flow("b", "score", "gw")}{Bpmn.Flow("toA", "gw", "a_end", "grade == 'A' && score == 300")}{Bpmn.Flow("toB", "gw", "b_end")}
            """).Replace("OPEN", "{").Replace("CLOSE", "}"));
        var id = await StartAsync("script", new() { ["amount"] = 2000 });
        Assert.Equal("a_end", await EndNodeAsync(id));
        var view = await f.Get<IInstanceView>().GetAsync(id, f.Admin, default);
        Assert.Equal(300, view.Variables["score"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_failing_step_becomes_an_incident_that_can_be_retried_or_skipped()
    {
        await f.PublishAsync(Bpmn.Process("incident", $"""
            <bpmn:startEvent id="start" />
            <bpmn:scriptTask id="fragile"><bpmn:script>(OPEN ok: 100 / divisor.value CLOSE)</bpmn:script></bpmn:scriptTask>
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "fragile")}{Bpmn.Flow("b", "fragile", "end")}
            """).Replace("OPEN", "{").Replace("CLOSE", "}"));
        var retried = await StartAsync("incident", new() { ["divisor"] = null });
        var skipped = await StartAsync("incident", new() { ["divisor"] = null });
        Assert.Equal("running", await f.StatusAsync(retried));
        var incidents = f.Get<IWorkflowIncidents>();
        var open = await incidents.ListOpenAsync(f.Admin, default);
        var forRetry = Assert.Single(open, i => i.InstanceId == retried);
        Assert.Equal("fragile", forRetry.NodeId);
        Assert.Contains("divisor", forRetry.Error);
        Assert.Single((await f.Get<IInstanceView>().GetAsync(retried, f.Admin, default)).Incidents);

        await f.ExecuteAsync("UPDATE workflow.instances SET variables = '{\"divisor\": {\"value\": 4}}' WHERE id = @retried", new { retried });
        await incidents.RetryAsync(forRetry.Id, f.Admin, default);
        await incidents.SkipAsync(open.Single(i => i.InstanceId == skipped).Id, f.Admin, default);
        await f.PumpAsync();

        Assert.Equal("completed", await f.StatusAsync(retried));
        Assert.Equal("completed", await f.StatusAsync(skipped));
        var view = await f.Get<IInstanceView>().GetAsync(retried, f.Admin, default);
        Assert.Equal(25, view.Variables["ok"]!.GetValue<int>());
        Assert.Null((await f.Get<IInstanceView>().GetAsync(skipped, f.Admin, default)).Variables["ok"]);
        Assert.Empty(await incidents.ListOpenAsync(f.Admin, default));
    }
}
