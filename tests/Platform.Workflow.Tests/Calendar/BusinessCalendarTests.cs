using Microsoft.Extensions.Options;
using Platform.Workflow.Runtime;
using Platform.Workflow.Tests.Support;
using Platform.Workflow.Timers;

namespace Platform.Workflow.Tests.Calendar;

public sealed class BusinessCalendarTests(CalendarFixture f) : IClassFixture<CalendarFixture>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, Shanghai);

    private static BusinessCalendar Calendar() => new(Options.Create(new WorkflowOptions
    {
        Calendar = { Holidays = [CalendarFixture.Holiday], ExtraWorkdays = [CalendarFixture.MakeUpDay] },
    }));

    [Fact]
    public void Business_durations_skip_nights_weekends_and_holidays_and_count_make_up_days()
    {
        var calendar = Calendar();
        // Thursday 15:00 + 1 working day: Friday is a holiday, Saturday is off, Sunday is a make-up working day.
        Assert.Equal(At(8, 15), calendar.Add(At(5, 15), TimeSpan.FromDays(1)));
        // Monday 17:00 + 2 working hours: one hour on Monday, one from 09:00 on Tuesday.
        Assert.Equal(At(3, 10), calendar.Add(At(2, 17), TimeSpan.FromHours(2)));
        // Saturday morning is outside working time: the count starts Monday 09:00.
        Assert.Equal(At(18, 9), calendar.Add(At(14, 10), TimeSpan.FromDays(2)));
        // Days, then hours: Monday 16:00 + 2 days = Wednesday 16:00, + 3 hours = Thursday 10:00.
        Assert.Equal(At(5, 10), calendar.Add(At(2, 16), new TimeSpan(2, 3, 0, 0)));
        // The result is an instant: the same moment in UTC.
        Assert.Equal(TimeSpan.Zero, calendar.Add(At(2, 16), TimeSpan.FromHours(1)).Offset);
        Assert.False(calendar.IsWorkingDay(CalendarFixture.Holiday));
        Assert.True(calendar.IsWorkingDay(CalendarFixture.MakeUpDay));
    }

    [Fact]
    public async Task Timers_and_task_due_times_marked_business_count_working_time()
    {
        var boss = f.Org.AddUser("calendar_boss");
        await f.PublishAsync(Bpmn.Process("business_wait", $"""
            <bpmn:startEvent id="start" />
            <bpmn:parallelGateway id="fork" />
            <bpmn:intermediateCatchEvent id="wait" lc:calendar="business"><bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="review" lc:approvers="user:{boss.Id}" lc:due="PT4H" lc:dueCalendar="business" />
            <bpmn:userTask id="plain" lc:approvers="user:{boss.Id}" lc:due="PT4H" />
            <bpmn:endEvent id="waited" /><bpmn:endEvent id="reviewed" /><bpmn:endEvent id="plainDone" />
            {Bpmn.Flow("a", "start", "fork")}{Bpmn.Flow("b", "fork", "wait")}{Bpmn.Flow("c", "fork", "review")}{Bpmn.Flow("c2", "fork", "plain")}
            {Bpmn.Flow("d", "wait", "waited")}{Bpmn.Flow("e", "review", "reviewed")}{Bpmn.Flow("g", "plain", "plainDone")}
            """));
        // Thursday 5 March, 16:00 in Shanghai.
        f.Time.SetUtcNow(At(5, 16).ToUniversalTime());
        var id = await f.Get<IWorkflowRuntime>().StartAsync("business_wait", null, null, f.Admin, default);

        // Two working days from Thursday 16:00: Sunday (make-up day) and Monday, 16:00 — not Saturday as natural days would give.
        Assert.Equal(At(9, 16).UtcDateTime, await f.QuerySingleAsync<DateTime>(
            "SELECT due_at FROM workflow.jobs WHERE instance_id = @id AND node_id = 'wait'", new { id }));
        // Four working hours: two on Thursday, two from 09:00 on the make-up Sunday.
        Assert.Equal(At(8, 11).UtcDateTime, await f.QuerySingleAsync<DateTime>(
            "SELECT due_at FROM workflow.tasks WHERE instance_id = @id AND node_id = 'review'", new { id }));
        Assert.Equal(At(5, 20).UtcDateTime, await f.QuerySingleAsync<DateTime>(
            "SELECT due_at FROM workflow.tasks WHERE instance_id = @id AND node_id = 'plain'", new { id }));

        await f.AdvanceAsync(At(9, 15, 59) - f.Time.GetUtcNow());
        Assert.DoesNotContain("wait", await f.QueryAsync<string>("SELECT node_id FROM workflow.history WHERE instance_id = @id AND event = 'fired'", new { id }));
        await f.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Contains("wait", await f.QueryAsync<string>("SELECT node_id FROM workflow.history WHERE instance_id = @id AND event = 'fired'", new { id }));
    }
}
