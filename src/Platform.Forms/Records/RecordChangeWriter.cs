using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Platform.Forms.History;

namespace Platform.Forms.Records;

/// <summary>Writes the history row and the outbox event of a change, inside the caller's transaction.</summary>
internal static class RecordChangeWriter
{
    public static async Task WriteAsync(NpgsqlTransaction tx, Guid recordId, string app, string form, int version, string kind,
        Guid actor, DateTimeOffset at, JsonObject? before, JsonObject? after, CancellationToken ct, IReadOnlyList<FieldChange>? columnChanges = null)
    {
        var changes = HistoryDiff.Between(before, after).Concat(columnChanges ?? []).ToList();
        var args = new
        {
            recordId, app, form, version, kind, actor, at,
            changes = HistoryDiff.ToJson(changes).ToJsonString(),
            changed = changes.Select(c => c.Field).ToArray(),
            before = before?.ToJsonString(),
            after = after?.ToJsonString(),
        };
        await tx.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO forms.record_history (record_id, app_key, form_key, version, kind, actor_id, occurred_at, changes)
            VALUES (@recordId, @app, @form, @version, @kind, @actor, @at, @changes::jsonb);
            INSERT INTO forms.record_events (record_id, app_key, form_key, kind, changed_fields, actor_id, occurred_at, before, after)
            VALUES (@recordId, @app, @form, @kind, @changed, @actor, @at, @before::jsonb, @after::jsonb);
            """, args, tx, cancellationToken: ct));
    }
}
