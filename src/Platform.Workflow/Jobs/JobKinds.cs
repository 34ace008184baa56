namespace Platform.Workflow.Jobs;

/// <summary>What a row of workflow.jobs does when it falls due.</summary>
internal static class JobKinds
{
    /// <summary>An intermediate timer: the waiting token moves on.</summary>
    public const string Timer = "timer";

    /// <summary>A boundary timer on a waiting task or wait.</summary>
    public const string Boundary = "boundary";

    /// <summary>Re-checks a wait-until-condition.</summary>
    public const string Condition = "condition";

    /// <summary>An outbound effect (mail, robot, in-flow HTTP) delivered outside the transaction, with an idempotency key.</summary>
    public const string Effect = "effect";

    /// <summary>A schedule trigger (cron or date field) of a published version.</summary>
    public const string Schedule = "schedule";

    /// <summary>A node whose execution failed; an admin retries (runs it again) or skips it.</summary>
    public const string Node = "node";

    /// <summary>Jobs that belong to a waiting token and die with it when it moves on.</summary>
    public static readonly string[] TokenBound = [Timer, Boundary, Condition, Node];
}
