using Platform.Workflow.Jobs;
using Platform.Workflow.Runtime;
using Platform.Workflow.Tests.Support;

namespace Platform.Workflow.Tests.Timers;

/// <summary>The one test on the system clock: a timer neither fires early nor noticeably late.</summary>
public sealed class RealClockTimerTests(RealClockFixture f) : IClassFixture<RealClockFixture>
{
    [Fact]
    public async Task A_real_timer_fires_at_its_due_time_not_before()
    {
        await f.PublishAsync(Bpmn.Process("real_timer", $"""
            <bpmn:startEvent id="start" />
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1.5S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "wait")}{Bpmn.Flow("b", "wait", "end")}
            """));
        var started = DateTimeOffset.UtcNow;
        var instance = await f.Get<IWorkflowRuntime>().StartAsync("real_timer", null, null, f.Admin, default);
        var runner = f.Get<JobRunner>();
        while (await f.StatusAsync(instance) == "running" && DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(20))
        {
            await runner.RunDueAsync(default);
            await Task.Delay(25);
        }
        Assert.Equal("completed", await f.StatusAsync(instance));
        var (due, fired) = await f.QuerySingleAsync<(DateTime, DateTime)>(
            "SELECT due_at, fired_at FROM workflow.job_log WHERE instance_id = @instance AND kind = 'timer'", new { instance });
        Assert.True(fired >= due, "fired before due");
        Assert.True(due - started.UtcDateTime >= TimeSpan.FromSeconds(1.4), "due time does not reflect the duration");
        Assert.True(fired - due < TimeSpan.FromSeconds(1), $"fired {(fired - due).TotalMilliseconds} ms late");
    }
}
