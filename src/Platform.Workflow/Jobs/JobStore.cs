using System.Text.Json.Nodes;
using Dapper;
using Npgsql;

namespace Platform.Workflow.Jobs;

/// <summary>A claimed row of workflow.jobs.</summary>
internal sealed record JobRow(long Id, string Kind, Guid? InstanceId, Guid? TokenId, string? NodeId, DateTime DueAt, string Payload,
    string IdempotencyKey, int Attempts, int MaxAttempts)
{
    public const string Columns = """
        id AS Id, kind AS Kind, instance_id AS InstanceId, token_id AS TokenId, node_id AS NodeId, due_at AS DueAt,
        payload::text AS Payload, idempotency_key AS IdempotencyKey, attempts AS Attempts, max_attempts AS MaxAttempts
        """;

    public JsonObject PayloadObject => JsonNode.Parse(Payload)?.AsObject() ?? [];
}

/// <summary>Inserting, claiming and finishing jobs; SQL for the job table lives here only.</summary>
internal static class JobStore
{
    /// <summary>Adds a job unless one with the same idempotency key exists (re-running a step never duplicates it).</summary>
    public static Task InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string kind, Guid? instanceId, Guid? tokenId, string? nodeId,
        DateTimeOffset due, JsonObject payload, string key, int maxAttempts, DateTimeOffset now, CancellationToken ct, string status = "pending", string? error = null) =>
        conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflow.jobs (kind, instance_id, token_id, node_id, due_at, payload, idempotency_key, max_attempts, created_at, status, last_error)
            VALUES (@kind, @instanceId, @tokenId, @nodeId, @due, @payload::jsonb, @key, @maxAttempts, @now, @status, @error)
            ON CONFLICT (idempotency_key) DO NOTHING
            """, new { kind, instanceId, tokenId, nodeId, due, payload = payload.ToJsonString(), key, maxAttempts, now, status, error }, tx, cancellationToken: ct));

    public static Task DeleteForTokenAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid tokenId, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM workflow.jobs WHERE token_id = @tokenId AND kind = ANY(@kinds)", new { tokenId, kinds = JobKinds.TokenBound }, tx, cancellationToken: ct));

    public static Task DeleteForInstanceAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid instanceId, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM workflow.jobs WHERE instance_id = @instanceId AND kind <> 'effect'", new { instanceId }, tx, cancellationToken: ct));

    /// <summary>Leases up to <paramref name="batch"/> due jobs; rows locked by a running claim are skipped, expired leases are taken over.</summary>
    public static async Task<IReadOnlyList<JobRow>> ClaimAsync(NpgsqlConnection conn, string worker, DateTimeOffset now, TimeSpan lease, int batch, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<JobRow>(new CommandDefinition($"""
            UPDATE workflow.jobs SET locked_by = @worker, locked_until = @until, attempts = attempts + 1
            WHERE id IN (
              SELECT id FROM workflow.jobs
              WHERE status = 'pending' AND due_at <= @now AND (locked_until IS NULL OR locked_until < @now)
              ORDER BY due_at, id LIMIT @batch
              FOR UPDATE SKIP LOCKED)
            RETURNING {JobRow.Columns}
            """, new { worker, now, until = now + lease, batch }, cancellationToken: ct));
        return rows.ToList();
    }

    /// <summary>Locks a claimed job for the finishing transaction; null when the lease was lost to another worker.</summary>
    public static Task<JobRow?> LockOwnedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, string worker, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            $"SELECT {JobRow.Columns} FROM workflow.jobs WHERE id = @id AND locked_by = @worker AND status = 'pending' FOR UPDATE",
            new { id, worker }, tx, cancellationToken: ct));

    public static Task CompleteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, JobRow job, string worker, DateTimeOffset now, string outcome, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM workflow.jobs WHERE id = @id;
            INSERT INTO workflow.job_log (idempotency_key, kind, instance_id, node_id, worker, fired_at, due_at, outcome)
            VALUES (@key, @kind, @instanceId, @nodeId, @worker, @now, @due, @outcome);
            """, new { id = job.Id, key = job.IdempotencyKey, kind = job.Kind, instanceId = job.InstanceId, nodeId = job.NodeId, worker, now, due = job.DueAt, outcome },
            tx, cancellationToken: ct));
}
