using Platform.Workflow.Tests.Support;

namespace Platform.Workflow.Tests.Calendar;

public sealed class CronTimeZoneTests(WorkflowFixture f) : IClassFixture<WorkflowFixture>
{
    private static DateTimeOffset At(int day, int hour) => new(2026, 3, day, hour, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Cron_schedules_read_in_Shanghai_time_unless_the_start_event_names_a_zone()
    {
        f.Time.SetUtcNow(At(10, 12).ToUniversalTime());
        var shanghai = await f.PublishAsync(Bpmn.Process("cron_sh", """<bpmn:startEvent id="start" lc:trigger="schedule" lc:cron="0 9 * * *" /><bpmn:endEvent id="end" /><bpmn:sequenceFlow id="a" sourceRef="start" targetRef="end" />"""));
        var newYork = await f.PublishAsync(Bpmn.Process("cron_ny", """<bpmn:startEvent id="start" lc:trigger="schedule" lc:cron="0 9 * * 1-5" lc:timeZone="America/New_York" /><bpmn:endEvent id="end" /><bpmn:sequenceFlow id="a" sourceRef="start" targetRef="end" />"""));
        async Task<DateTime> NextAsync(Guid version) => await f.QuerySingleAsync<DateTime>(
            "SELECT due_at FROM workflow.jobs WHERE kind = 'schedule' AND payload->>'versionId' = @v", new { v = version.ToString() });

        // Tuesday 10 March 12:00 Shanghai: the next 09:00 Shanghai is Wednesday 01:00 UTC.
        Assert.Equal(At(11, 9).UtcDateTime, await NextAsync(shanghai));
        // New York is on daylight time (UTC-4) from 8 March 2026: 09:00 there is 13:00 UTC the same Tuesday.
        Assert.Equal(new DateTime(2026, 3, 10, 13, 0, 0, DateTimeKind.Utc), await NextAsync(newYork));

        await f.AdvanceAsync(TimeSpan.FromHours(14));
        Assert.Equal(1, await f.QuerySingleAsync<long>("SELECT count(*) FROM workflow.instances WHERE definition_key = 'cron_sh'"));
        Assert.Equal(1, await f.QuerySingleAsync<long>("SELECT count(*) FROM workflow.instances WHERE definition_key = 'cron_ny'"));

        var e = await Assert.ThrowsAsync<Platform.Workflow.Definitions.WorkflowDefinitionException>(() => f.PublishAsync(Bpmn.Process("cron_bad",
            """<bpmn:startEvent id="start" lc:trigger="schedule" lc:cron="0 9 * * *" lc:timeZone="Mars/Olympus" /><bpmn:endEvent id="end" /><bpmn:sequenceFlow id="a" sourceRef="start" targetRef="end" />""")));
        Assert.Contains(e.Errors, x => x.ElementId == "start" && x.Message.Contains("Mars/Olympus"));
    }
}
