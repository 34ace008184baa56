using System.Text.Json.Nodes;
using Platform.Core.Organization;

namespace Platform.Workflow.Runtime;

/// <summary>An instance as the Studio shows it on the diagram: current nodes, the path taken, history and variables.</summary>
public interface IInstanceView
{
    Task<InstanceView> GetAsync(Guid instanceId, UserContext user, CancellationToken ct);

    /// <summary>Instances of a workflow (newest first), for administrators.</summary>
    Task<IReadOnlyList<InstanceSummary>> ListAsync(string? key, string? status, UserContext user, int take, CancellationToken ct);
}

public sealed record InstanceSummary(Guid Id, string DefinitionKey, int Version, string Status, Guid? RecordId, DateTimeOffset StartedAt, DateTimeOffset? EndedAt);

public sealed record InstanceView(
    InstanceSummary Instance,
    string? EndNode,
    string? ErrorCode,
    IReadOnlyList<string> CurrentNodes,
    IReadOnlyList<string> VisitedNodes,
    IReadOnlyList<string> TakenFlows,
    IReadOnlyList<HistoryEntry> History,
    JsonObject Variables,
    IReadOnlyList<IncidentItem> Incidents);

public sealed record HistoryEntry(string NodeId, string Event, DateTimeOffset At, string? Detail);

public sealed record IncidentItem(Guid Id, Guid? InstanceId, string? NodeId, string Kind, string Error, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, string? Resolution);
