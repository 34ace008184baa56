using Platform.Workflow.Runtime;
using Platform.Workflow.Tests.Support;

namespace Platform.Workflow.Tests.Crash;

/// <summary>Work survives a worker killed with SIGKILL: another process finishes it, and nothing runs twice.</summary>
public sealed class CrashTests(RealClockFixture f) : IClassFixture<RealClockFixture>
{
    private const int Instances = 150;

    private static readonly string Flow = Bpmn.Process("crash_flow", $"""
        <bpmn:startEvent id="start" />
        <bpmn:intermediateCatchEvent id="wait1"><bpmn:timerEventDefinition><bpmn:timeDuration>PT0.2S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:serviceTask id="step1" lc:action="updateRecord"><bpmn:extensionElements><lc:set field="step1" expr="(typeof step1 === 'number' ? step1 : 0) + 1" /></bpmn:extensionElements></bpmn:serviceTask>
        <bpmn:intermediateCatchEvent id="wait2"><bpmn:timerEventDefinition><bpmn:timeDuration>PT0.3S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:scriptTask id="calc" scriptFormat="javascript"><bpmn:script>[step1 * 2]</bpmn:script></bpmn:scriptTask>
        <bpmn:serviceTask id="step2" lc:action="updateRecord"><bpmn:extensionElements><lc:set field="step2" expr="(typeof step2 === 'number' ? step2 : 0) + 1" /></bpmn:extensionElements></bpmn:serviceTask>
        <bpmn:endEvent id="end" />
        {Bpmn.Flow("a", "start", "wait1")}{Bpmn.Flow("b", "wait1", "step1")}{Bpmn.Flow("c", "step1", "wait2")}
        {Bpmn.Flow("d", "wait2", "calc")}{Bpmn.Flow("e", "calc", "step2")}{Bpmn.Flow("g", "step2", "end")}
        """);

    [Fact]
    public async Task A_worker_killed_mid_run_leaves_nothing_another_worker_does_not_finish_exactly_once()
    {
        await f.PublishAsync(Flow);
        var runtime = f.Get<IWorkflowRuntime>();
        var records = new List<Guid>();
        for (var i = 0; i < Instances; i++)
        {
            var record = await f.CreateRecordAsync("crash", "items", new { n = i }, Guid.NewGuid());
            records.Add(record);
            await runtime.StartAsync("crash_flow", record, null, f.Admin, default);
        }

        using (var first = WorkerProcess.Start(f.ConnectionString, "crash-a"))
        {
            await WaitUntilAsync(async () => await CompletedAsync() >= 10 || first.HasExited, TimeSpan.FromSeconds(240), () => first.Output);
            Assert.False(first.HasExited, "The first worker exited before it could be killed: " + first.Output);
            first.Kill();
        }
        var afterKill = await CompletedAsync();
        Assert.True(afterKill < Instances, $"All {afterKill} instances finished before the kill; the test proves nothing.");

        using (var second = WorkerProcess.Start(f.ConnectionString, "crash-b"))
        {
            await WaitUntilAsync(async () => await CompletedAsync() == Instances, TimeSpan.FromSeconds(480), () => second.Output);
        }

        Assert.Equal(Instances, await CompletedAsync());
        var counts = await f.QueryAsync<(int, int)>(
            "SELECT (data->>'step1')::int, (data->>'step2')::int FROM forms.records WHERE id = ANY(@records)", new { records = records.ToArray() });
        Assert.All(counts, c => Assert.Equal((1, 1), c));
        Assert.Equal(0, await f.QuerySingleAsync<long>("SELECT count(*) FROM workflow.jobs"));
        Assert.Equal(0, await f.QuerySingleAsync<long>("SELECT count(*) FROM workflow.incidents"));
        var fired = await f.QueryAsync<long>("SELECT count(*) FROM workflow.history WHERE event = 'fired' GROUP BY instance_id, node_id");
        Assert.Equal(Instances * 2, fired.Count);
        Assert.All(fired, n => Assert.Equal(1, n));
        Assert.Equal(["crash-a", "crash-b"], await f.QueryAsync<string>("SELECT DISTINCT worker FROM workflow.job_log ORDER BY 1"));
    }

    private Task<long> CompletedAsync() => f.QuerySingleAsync<long>("SELECT count(*) FROM workflow.instances WHERE status = 'completed'");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> output)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Condition not met within {timeout}. Worker output:\n{output()}");
            await Task.Delay(50);
        }
    }
}
