namespace Platform.Workflow.Definitions;

public enum TimerKind { Duration, Date, Cycle }

/// <summary>
/// A BPMN timer: timeDuration (PT30M), timeDate (ISO date-time, or ${expr} such as ${contract_end}),
/// or timeCycle (R3/PT24H; R/PT1H repeats without end).
/// </summary>
public sealed record TimerSpec(TimerKind Kind, string Text)
{
    public TimeSpan? Duration { get; init; }
    public DateTimeOffset? Date { get; init; }

    /// <summary>Expression evaluated at the time the timer is scheduled (a record field or a computation).</summary>
    public string? Expression { get; init; }

    /// <summary>Repetitions of a cycle; null means unbounded.</summary>
    public int? Repeat { get; init; }

    public TimeSpan Offset { get; init; }

    /// <summary>lc:calendar="business": the duration counts working days and hours of the business calendar.</summary>
    public bool Business { get; init; }
}
