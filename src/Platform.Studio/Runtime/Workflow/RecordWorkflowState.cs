namespace Platform.Studio.Runtime.Workflow;

/// <summary>One workflow instance on a record as the record page shows it.</summary>
public sealed record RecordWorkflowState(
    Guid InstanceId,
    string DefinitionKey,
    string Name,
    int Version,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<OpenStep> OpenSteps,
    WorkflowPath? Path)
{
    public bool IsRunning => Status == "running";
}

/// <summary>An open user task: its step, due time and the people it waits for.</summary>
public sealed record OpenStep(Guid TaskId, string NodeId, string Name, string Mode, DateTimeOffset? DueAt, IReadOnlyList<StepAssignee> Assignees)
{
    /// <summary>The user may act on it now (a pending assignee; sequential signers wait their turn).</summary>
    public bool IsTurnOf(Guid userId) => Assignees.Any(a => a.UserId == userId && a.Status == "pending");
}

public sealed record StepAssignee(Guid UserId, string Name, string Status);

/// <summary>
/// The diagram and the path taken, from the engine's instance view. Null when the viewer is not involved in the
/// instance (they still see the current step and who it waits for, because they may read the record).
/// </summary>
public sealed record WorkflowPath(string BpmnXml, IReadOnlyList<string> Visited, IReadOnlyList<string> Current, IReadOnlyList<string> TakenFlows,
    IReadOnlyList<ReturnTarget> ReturnTargets, IReadOnlyList<StepComment> Comments);

/// <summary>An earlier user task the instance passed through, where "return" can send it.</summary>
public sealed record ReturnTarget(string NodeId, string Name);

public sealed record StepComment(string Actor, string Action, string? Comment, DateTimeOffset At);

/// <summary>A workflow that can be started by hand on records of a form.</summary>
public sealed record ManualStart(string Key, string Name);
