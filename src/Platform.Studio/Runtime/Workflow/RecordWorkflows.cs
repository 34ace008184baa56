using System.Collections.Concurrent;
using Dapper;
using Npgsql;
using Platform.Core.Organization;
using Platform.Studio.Designers.Workflow;
using Platform.Workflow.Definitions;
using Platform.Workflow.Runtime;

namespace Platform.Studio.Runtime.Workflow;

/// <summary>
/// The workflow side of a record page: instances on the record with their open steps and assignees, the diagram with
/// the path taken (through the engine's <see cref="IInstanceView"/>, which checks involvement), and the workflows a
/// person may start by hand. Callers show it only for records the user may read.
/// </summary>
public sealed class RecordWorkflows(NpgsqlDataSource db, IInstanceView view, OrgOptions org)
{
    public const int MaxInstances = 10;

    private readonly ConcurrentDictionary<Guid, WorkflowModel> _models = new();

    private sealed record InstanceRow(Guid Id, Guid VersionId, string DefinitionKey, int Version, string Status, DateTime StartedAt, DateTime? EndedAt);

    private sealed record TaskRow(Guid TaskId, Guid InstanceId, string NodeId, string Name, string Mode, DateTime? DueAt, Guid UserId, string Status);

    public async Task<IReadOnlyList<RecordWorkflowState>> ForRecordAsync(UserContext user, Guid recordId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var instances = (await conn.QueryAsync<InstanceRow>(new CommandDefinition("""
            SELECT id AS Id, version_id AS VersionId, definition_key AS DefinitionKey, version AS Version, status AS Status,
                   started_at AS StartedAt, ended_at AS EndedAt
            FROM workflow.instances WHERE record_id = @recordId ORDER BY started_at DESC LIMIT @take
            """, new { recordId, take = MaxInstances }, cancellationToken: ct))).ToList();
        if (instances.Count == 0) return [];
        var tasks = (await conn.QueryAsync<TaskRow>(new CommandDefinition("""
            SELECT t.id AS TaskId, t.instance_id AS InstanceId, t.node_id AS NodeId, t.name AS Name, t.mode AS Mode, t.due_at AS DueAt,
                   a.user_id AS UserId, a.status AS Status
            FROM workflow.tasks t JOIN workflow.task_assignees a ON a.task_id = t.id
            WHERE t.instance_id = ANY(@ids) AND t.status = 'open' ORDER BY t.created_at, a.seq
            """, new { ids = instances.Select(i => i.Id).ToArray() }, cancellationToken: ct))).ToList();
        var names = (await org.NamesAsync("member", tasks.Select(t => t.UserId).Distinct().ToList(), ct)).ToDictionary(p => p.Id, p => p.Name);

        var result = new List<RecordWorkflowState>();
        foreach (var i in instances)
        {
            var model = await ModelAsync(conn, i.VersionId, ct);
            var steps = tasks.Where(t => t.InstanceId == i.Id).GroupBy(t => t.TaskId)
                .Select(g => new OpenStep(g.Key, g.First().NodeId, g.First().Name, g.First().Mode, g.First().DueAt is { } d ? Utc(d) : null,
                    g.Select(a => new StepAssignee(a.UserId, names[a.UserId], a.Status)).ToList()))
                .ToList();
            result.Add(new RecordWorkflowState(i.Id, i.DefinitionKey, string.IsNullOrWhiteSpace(model.Name) ? i.DefinitionKey : model.Name, i.Version, i.Status,
                Utc(i.StartedAt), i.EndedAt is { } e ? Utc(e) : null, steps, await PathAsync(conn, user, i, model, ct)));
        }
        return result;
    }

    /// <summary>Current workflows with a manual start event on this form.</summary>
    public async Task<IReadOnlyList<ManualStart>> ManualStartsAsync(string app, string form, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var versions = await conn.QueryAsync<(Guid Id, string Key)>(new CommandDefinition(
            "SELECT id, key FROM workflow.definition_versions WHERE is_current ORDER BY key", cancellationToken: ct));
        var result = new List<ManualStart>();
        foreach (var (id, key) in versions)
        {
            var model = await ModelAsync(conn, id, ct);
            if (model.StartEvents.Any(s => s.Trigger is { Kind: TriggerKind.Manual } t && t.AppKey == app && t.FormKey == form))
                result.Add(new ManualStart(key, string.IsNullOrWhiteSpace(model.Name) ? key : model.Name));
        }
        return result;
    }

    private async Task<WorkflowPath?> PathAsync(NpgsqlConnection conn, UserContext user, InstanceRow i, WorkflowModel model, CancellationToken ct)
    {
        InstanceView instance;
        try
        {
            instance = await view.GetAsync(i.Id, user, ct);
        }
        catch (WorkflowAccessDeniedException)
        {
            return null;
        }
        var xml = await conn.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT xml FROM workflow.definition_versions WHERE id = @id", new { id = i.VersionId }, cancellationToken: ct));
        var returns = instance.VisitedNodes.Except(instance.CurrentNodes)
            .Select(n => model.Nodes.GetValueOrDefault(n)).OfType<FlowNode>().Where(n => n.Kind == NodeKind.UserTask)
            .Select(n => new ReturnTarget(n.Id, n.Label)).ToList();
        var events = await conn.QueryAsync<(Guid Actor, string Action, string? Comment, DateTime At)>(new CommandDefinition("""
            SELECT actor_id, action, comment, at FROM workflow.task_events
            WHERE instance_id = @id AND action <> 'created' ORDER BY id
            """, new { id = i.Id }, cancellationToken: ct));
        var actors = (await org.NamesAsync("member", events.Select(e => e.Actor).Where(a => a != Guid.Empty).Distinct().ToList(), ct))
            .ToDictionary(p => p.Id, p => p.Name);
        var comments = events.Select(e => new StepComment(actors.GetValueOrDefault(e.Actor, "System"), e.Action, e.Comment, Utc(e.At))).ToList();
        return new WorkflowPath(BpmnLayout.EnsureLayout(xml), instance.VisitedNodes, instance.CurrentNodes, instance.TakenFlows, returns, comments);
    }

    private async Task<WorkflowModel> ModelAsync(NpgsqlConnection conn, Guid versionId, CancellationToken ct)
    {
        if (_models.TryGetValue(versionId, out var model)) return model;
        var xml = await conn.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT xml FROM workflow.definition_versions WHERE id = @versionId", new { versionId }, cancellationToken: ct));
        // Published versions never change, so a parsed model can be kept for the life of the process.
        return _models.GetOrAdd(versionId, BpmnParser.Parse(xml));
    }

    private static DateTimeOffset Utc(DateTime d) => new(DateTime.SpecifyKind(d, DateTimeKind.Utc));
}
