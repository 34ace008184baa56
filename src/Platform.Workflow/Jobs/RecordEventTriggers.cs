using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Core.Expressions;
using Platform.Workflow.Definitions;
using Platform.Workflow.Runtime;

namespace Platform.Workflow.Jobs;

/// <summary>
/// Reads forms.record_events after our cursor and starts the instances whose record triggers match. The cursor row is
/// locked and advanced in the same transaction as the starts, so each event starts its instances exactly once.
/// </summary>
internal sealed class RecordEventTriggers(
    NpgsqlDataSource db,
    ModelCache models,
    WorkflowEngine engine,
    IExpressionSandbox sandbox,
    TimeProvider time,
    IOptions<WorkflowOptions> options,
    ILogger<RecordEventTriggers> logger)
{
    public const string Consumer = "workflow";

    private sealed record EventRow(long Id, Guid RecordId, string AppKey, string FormKey, string Kind, string[] ChangedFields, Guid ActorId, string? Before, string? After);

    /// <summary>Creates the cursor at the newest event if missing, so a first workflow does not react to history.</summary>
    public static Task EnsureCursorAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflow.trigger_cursors (consumer, last_event_id)
            SELECT @consumer, COALESCE(max(id), 0) FROM forms.record_events
            ON CONFLICT (consumer) DO NOTHING
            """, new { consumer = Consumer }, tx, cancellationToken: ct));

    /// <summary>Processes one batch; returns the number of events consumed.</summary>
    public async Task<int> ProcessAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var cursor = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT last_event_id FROM workflow.trigger_cursors WHERE consumer = @consumer FOR UPDATE SKIP LOCKED", new { consumer = Consumer }, tx, cancellationToken: ct));
        if (cursor is null) return 0;
        var events = (await conn.QueryAsync<EventRow>(new CommandDefinition("""
            SELECT id AS Id, record_id AS RecordId, app_key AS AppKey, form_key AS FormKey, kind AS Kind, changed_fields AS ChangedFields,
                   actor_id AS ActorId, before::text AS Before, after::text AS After
            FROM forms.record_events WHERE id > @cursor ORDER BY id LIMIT @batch
            """, new { cursor, batch = options.Value.BatchSize * 4 }, tx, cancellationToken: ct))).ToList();
        if (events.Count == 0) return 0;
        var triggers = await CurrentTriggersAsync(conn, tx, ct);
        var now = time.GetUtcNow();
        foreach (var e in events)
            foreach (var (versionId, start) in triggers.Where(t => t.Start.Trigger!.AppKey == e.AppKey && t.Start.Trigger.FormKey == e.FormKey))
                if (Matches(start.Trigger!, e, now, ct))
                    await StartAsync(conn, tx, versionId, start, e, now, ct);
        await conn.ExecuteAsync(new CommandDefinition("UPDATE workflow.trigger_cursors SET last_event_id = @last WHERE consumer = @consumer",
            new { last = events[^1].Id, consumer = Consumer }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return events.Count;
    }

    private async Task<List<(Guid VersionId, FlowNode Start)>> CurrentTriggersAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var list = new List<(Guid, FlowNode)>();
        foreach (var id in await conn.QueryAsync<Guid>(new CommandDefinition(
                     "SELECT id FROM workflow.definition_versions WHERE is_current", transaction: tx, cancellationToken: ct)))
        {
            var model = await models.GetAsync(conn, tx, id, ct);
            list.AddRange(model.StartEvents.Where(s => s.Trigger?.IsRecordEvent == true).Select(s => (id, s)));
        }
        return list;
    }

    private bool Matches(StartTrigger trigger, EventRow e, DateTimeOffset now, CancellationToken ct)
    {
        var kindMatches = trigger.Kind switch
        {
            TriggerKind.RecordCreated => e.Kind == "created",
            TriggerKind.RecordUpdated => e.Kind == "updated",
            TriggerKind.RecordSaved => e.Kind is "created" or "updated",
            _ => e.Kind is "created" or "updated" && (trigger.Fields.Count == 0 || trigger.Fields.Intersect(e.ChangedFields).Any()),
        };
        if (!kindMatches || trigger.Condition is null) return kindMatches;
        try
        {
            if (!Holds(trigger.Condition, e.After, e, now, ct)) return false;
            // "Changes to match": a field-changed trigger fires on the transition, not on every save while it holds.
            return trigger.Kind != TriggerKind.FieldChanged || e.Before is null || !Holds(trigger.Condition, e.Before, e, now, ct);
        }
        catch (ExpressionException error)
        {
            logger.LogWarning(error, "Trigger condition failed for event {Event}", e.Id);
            return false;
        }
    }

    private bool Holds(string condition, string? data, EventRow e, DateTimeOffset now, CancellationToken ct)
    {
        var values = JsonNode.Parse(data ?? "{}")!.AsObject();
        var extra = new JsonObject { ["changed"] = new JsonArray(e.ChangedFields.Select(f => (JsonNode?)f).ToArray()) };
        var scope = ExpressionScope.Build(values, null, now, extra);
        return sandbox.EvaluateCondition(condition, scope, ct);
    }

    private async Task StartAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid versionId, FlowNode start, EventRow e, DateTimeOffset now, CancellationToken ct)
    {
        if (start.Trigger!.RestartPerRecord)
        {
            var key = await conn.ExecuteScalarAsync<string>(new CommandDefinition(
                "SELECT key FROM workflow.definition_versions WHERE id = @versionId", new { versionId }, tx, cancellationToken: ct));
            var running = await conn.QueryAsync<Guid>(new CommandDefinition(
                "SELECT id FROM workflow.instances WHERE record_id = @r AND definition_key = @key AND status = 'running'",
                new { r = e.RecordId, key }, tx, cancellationToken: ct));
            foreach (var id in running)
                if (await engine.OpenStepAsync(conn, tx, id, now, ct) is { } ctx)
                    await engine.EndInstanceAsync(ctx, InstanceStatus.Cancelled, null, null);
        }
        var variables = new JsonObject { ["trigger"] = new JsonObject { ["event"] = e.Kind, ["eventId"] = e.Id } };
        await engine.StartAsync(conn, tx, versionId, start.Id, e.RecordId, variables, e.ActorId, now, ct);
    }
}
