using Dapper;
using Npgsql;
using Platform.Workflow.Jobs;

namespace Platform.Workflow.Runtime;

internal sealed class WorkflowRetirement(NpgsqlDataSource dataSource, TimeProvider clock) : IWorkflowRetirement
{
    public async Task<int> CountRunningAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM workflow.instances WHERE definition_key = ANY(@keys) AND status = 'running'",
            new { keys = keys.ToArray() }, cancellationToken: ct));
    }

    public async Task<WorkflowRetirementResult> RetireAsync(IReadOnlyCollection<string> keys, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var retired = (await conn.QueryAsync<string>(new CommandDefinition("""
            UPDATE workflow.definition_versions SET is_current = false WHERE key = ANY(@keys) AND is_current RETURNING key
            """, new { keys = keys.ToArray() }, tx, cancellationToken: ct))).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        // Row locks on the instances keep a worker's step from interleaving with the cancellation.
        var running = (await conn.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM workflow.instances WHERE definition_key = ANY(@keys) AND status = 'running' ORDER BY id FOR UPDATE",
            new { keys = keys.ToArray() }, tx, cancellationToken: ct))).ToList();
        foreach (var i in running)
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                UPDATE workflow.tokens SET status = 'cancelled', ended_at = @now WHERE instance_id = @i AND status IN ('active', 'waiting', 'joined');
                UPDATE workflow.tasks SET status = 'cancelled', completed_at = @now WHERE instance_id = @i AND status = 'open';
                UPDATE workflow.task_assignees a SET status = 'skipped' FROM workflow.tasks t
                  WHERE a.task_id = t.id AND t.instance_id = @i AND a.status IN ('pending', 'waiting');
                UPDATE workflow.instances SET status = 'cancelled', ended_at = @now, error_code = 'retired' WHERE id = @i;
                INSERT INTO workflow.history (instance_id, node_id, event, at, detail) VALUES (@i, '', 'cancelled', @now, @reason);
                """, new { i, now, reason }, tx, cancellationToken: ct));
            await JobStore.DeleteForInstanceAsync(conn, tx, i, ct);
        }
        await tx.CommitAsync(ct);
        return new WorkflowRetirementResult(retired, running.Count);
    }
}
