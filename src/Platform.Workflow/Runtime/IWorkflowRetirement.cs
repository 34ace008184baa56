namespace Platform.Workflow.Runtime;

/// <summary>
/// Takes workflows out of use (an app is uninstalled): no version stays current, so no trigger, schedule, webhook or
/// manual start reaches them, and each running instance is cancelled with the reason in its history. Definitions
/// and versions stay stored; publishing the key again (reinstalling the package) makes it current again.
/// </summary>
public interface IWorkflowRetirement
{
    /// <summary>Running instances of these workflows, the figure an uninstall warning shows.</summary>
    Task<int> CountRunningAsync(IReadOnlyCollection<string> keys, CancellationToken ct);

    Task<WorkflowRetirementResult> RetireAsync(IReadOnlyCollection<string> keys, string reason, CancellationToken ct);
}

/// <summary>Which workflows had a current version taken away, and how many running instances were cancelled.</summary>
public sealed record WorkflowRetirementResult(IReadOnlyList<string> Retired, int InstancesCancelled);
