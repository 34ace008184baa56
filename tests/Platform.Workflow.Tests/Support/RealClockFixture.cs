namespace Platform.Workflow.Tests.Support;

/// <summary>The same database setup on the system clock, for the real-timer and crash tests.</summary>
public sealed class RealClockFixture : WorkflowFixture
{
    protected override bool FakeClock => false;
}
