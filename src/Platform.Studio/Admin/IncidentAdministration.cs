using Platform.Core.Organization;
using Platform.Workflow.Jobs;
using Platform.Workflow.Runtime;

namespace Platform.Studio.Admin;

/// <summary>Open workflow incidents for administrators; retry and skip are audited.</summary>
public sealed class IncidentAdministration(AdminScope admin)
{
    public Task<IReadOnlyList<IncidentItem>> ListOpenAsync(UserContext actor, CancellationToken ct) =>
        admin.ReadAsync(actor, sp => sp.GetRequiredService<IWorkflowIncidents>().ListOpenAsync(actor, ct));

    public Task RetryAsync(UserContext actor, IncidentItem incident, CancellationToken ct) =>
        admin.RunAsync(actor, sp => sp.GetRequiredService<IWorkflowIncidents>().RetryAsync(incident.Id, actor, ct),
            AdminScope.Event(actor, "incident.retried", Target(incident), incident.Error), ct);

    public Task SkipAsync(UserContext actor, IncidentItem incident, CancellationToken ct) =>
        admin.RunAsync(actor, sp => sp.GetRequiredService<IWorkflowIncidents>().SkipAsync(incident.Id, actor, ct),
            AdminScope.Event(actor, "incident.skipped", Target(incident), incident.Error), ct);

    private static string Target(IncidentItem incident) =>
        $"{incident.Id} · instance {incident.InstanceId?.ToString() ?? "-"} · {incident.NodeId ?? incident.Kind}";
}
