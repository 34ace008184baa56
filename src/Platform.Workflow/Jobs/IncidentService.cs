using Dapper;
using Npgsql;
using Platform.Core.Organization;
using Platform.Workflow.Definitions;
using Platform.Workflow.Runtime;

namespace Platform.Workflow.Jobs;

/// <summary>Failed steps for administrators: list them, retry (run the step again) or skip (move on without it).</summary>
public interface IWorkflowIncidents
{
    Task<IReadOnlyList<IncidentItem>> ListOpenAsync(UserContext user, CancellationToken ct);

    Task RetryAsync(Guid incidentId, UserContext user, CancellationToken ct);

    Task SkipAsync(Guid incidentId, UserContext user, CancellationToken ct);
}

internal sealed class IncidentService(NpgsqlDataSource db, TimeProvider time) : IWorkflowIncidents
{
    public async Task<IReadOnlyList<IncidentItem>> ListOpenAsync(UserContext user, CancellationToken ct)
    {
        WorkflowDefinitions.RequireAdmin(user);
        await using var conn = await db.OpenConnectionAsync(ct);
        return await QueryAsync(conn, "WHERE resolved_at IS NULL", null, ct);
    }

    public Task RetryAsync(Guid incidentId, UserContext user, CancellationToken ct) => ResolveAsync(incidentId, user, "retried", skip: false, ct);

    public Task SkipAsync(Guid incidentId, UserContext user, CancellationToken ct) => ResolveAsync(incidentId, user, "skipped", skip: true, ct);

    /// <summary>The job goes back to pending (due now, attempts reset); a skip marks its payload so the runner moves on without the work.</summary>
    private async Task ResolveAsync(Guid incidentId, UserContext user, string resolution, bool skip, CancellationToken ct)
    {
        WorkflowDefinitions.RequireAdmin(user);
        var now = time.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var jobId = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT job_id FROM workflow.incidents WHERE id = @incidentId AND resolved_at IS NULL FOR UPDATE", new { incidentId }, tx, cancellationToken: ct))
            ?? throw new WorkflowNotFoundException($"Open incident {incidentId} does not exist. / 未处理的异常 {incidentId} 不存在。");
        var kind = await conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT kind FROM workflow.jobs WHERE id = @jobId", new { jobId }, tx, cancellationToken: ct));
        if (kind == JobKinds.Effect && skip)
            await conn.ExecuteAsync(new CommandDefinition("""
                UPDATE workflow.jobs SET payload = jsonb_build_object('type', 'skip', 'skipped', true, 'original', payload)
                WHERE id = @jobId
                """, new { jobId }, tx, cancellationToken: ct));
        else if (skip)
            await conn.ExecuteAsync(new CommandDefinition(
                "UPDATE workflow.jobs SET payload = payload || '{\"skip\": true}'::jsonb WHERE id = @jobId", new { jobId }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE workflow.jobs SET status = 'pending', attempts = 0, max_attempts = GREATEST(max_attempts, 1), due_at = @now,
              locked_by = NULL, locked_until = NULL WHERE id = @jobId;
            UPDATE workflow.incidents SET resolved_at = @now, resolution = @resolution, resolved_by = @by WHERE id = @incidentId;
            """, new { jobId, now, resolution, by = user.UserId, incidentId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    internal static async Task<IReadOnlyList<IncidentItem>> QueryAsync(NpgsqlConnection conn, string where, object? args, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<(Guid, Guid?, string?, string, string, DateTime, DateTime?, string?)>(new CommandDefinition(
            $"SELECT id, instance_id, node_id, kind, error, created_at, resolved_at, resolution FROM workflow.incidents {where} ORDER BY created_at DESC",
            args, cancellationToken: ct));
        return rows.Select(r => new IncidentItem(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5, Utc(r.Item6), r.Item7 is { } d ? Utc(d) : null, r.Item8)).ToList();
    }

    private static DateTimeOffset Utc(DateTime d) => new(DateTime.SpecifyKind(d, DateTimeKind.Utc));
}
