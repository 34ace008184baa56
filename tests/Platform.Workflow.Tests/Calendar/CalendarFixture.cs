using Platform.Workflow.Tests.Support;

namespace Platform.Workflow.Tests.Calendar;

/// <summary>Friday 6 March 2026 is a holiday and Sunday 8 March a make-up working day (调休); working hours 09:00–18:00 Shanghai.</summary>
public sealed class CalendarFixture : WorkflowFixture
{
    public static readonly DateOnly Holiday = new(2026, 3, 6);
    public static readonly DateOnly MakeUpDay = new(2026, 3, 8);

    protected override void ConfigureWorkflow(WorkflowOptions options)
    {
        base.ConfigureWorkflow(options);
        options.Calendar.Holidays = [Holiday];
        options.Calendar.ExtraWorkdays = [MakeUpDay];
    }
}
