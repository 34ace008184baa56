using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Workflow.Actions;
using Platform.Workflow.Definitions;
using Platform.Workflow.Runtime;
using Platform.Workflow.Timers;

namespace Platform.Workflow.Jobs;

/// <summary>
/// Claims due jobs with a lease and applies them in batches: one transaction per batch, one savepoint per job. A job row
/// stays locked until the transaction that applies its step also deletes it, so a job is applied once even when a worker
/// dies mid-way: nothing of the batch commits, the leases expire and another worker takes the jobs over.
/// </summary>
internal sealed class JobRunner(
    NpgsqlDataSource db,
    WorkflowEngine engine,
    EffectDelivery delivery,
    ScheduleTriggers schedules,
    TimeProvider time,
    IOptions<WorkflowOptions> options,
    ILogger<JobRunner> logger)
{
    private readonly WorkflowOptions _options = options.Value;

    private sealed record Claimed(JobRow Job, JsonNode? Response);

    /// <summary>Runs one batch of due jobs; returns how many were claimed.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        IReadOnlyList<JobRow> claimed;
        await using (var conn = await db.OpenConnectionAsync(ct))
            claimed = await JobStore.ClaimAsync(conn, _options.WorkerId, time.GetUtcNow(), _options.Lease, _options.BatchSize, ct);
        if (claimed.Count == 0) return 0;

        // Deliveries leave the database, so they happen before (and outside) the transaction that records them.
        var ready = new List<Claimed>();
        foreach (var job in claimed)
        {
            if (job.Kind != JobKinds.Effect)
            {
                ready.Add(new(job, null));
                continue;
            }
            try
            {
                ready.Add(new(job, await delivery.DeliverAsync(job.PayloadObject, job.IdempotencyKey, ct)));
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                await FailAsync(job, e, ct);
            }
        }
        try
        {
            await FinishBatchAsync(ready, ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
        {
            // Jobs of two batches met on the same instance or record; apply this batch one job at a time instead.
            logger.LogInformation("Workflow job batch hit {State}; finishing its {Count} jobs one by one", e.SqlState, ready.Count);
            foreach (var one in ready) await FinishBatchAsync([one], ct);
        }
        return claimed.Count;
    }

    private async Task FinishBatchAsync(IReadOnlyList<Claimed> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        var failed = new List<(JobRow Job, Exception Error)>();
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            // Instance rows are locked in one order by every worker, so two batches never wait on each other in a circle.
            foreach (var (claimed, response) in batch.OrderBy(c => c.Job.InstanceId).ThenBy(c => c.Job.DueAt).ThenBy(c => c.Job.Id))
            {
                await tx.SaveAsync("job", ct);
                try
                {
                    await FinishAsync(conn, tx, claimed, response, ct);
                    await tx.ReleaseAsync("job", ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    if (e is NpgsqlException { IsTransient: true } or PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure })
                        throw;
                    await tx.RollbackAsync("job", ct);
                    logger.LogWarning(e, "Workflow job {Job} ({Kind}) failed on attempt {Attempt}", claimed.Id, claimed.Kind, claimed.Attempts);
                    failed.Add((claimed, e));
                }
            }
            await tx.CommitAsync(ct);
        }
        foreach (var (job, error) in failed) await FailAsync(job, error, ct);
    }

    private async Task FinishAsync(NpgsqlConnection conn, NpgsqlTransaction tx, JobRow claimed, JsonNode? response, CancellationToken ct)
    {
        var job = await JobStore.LockOwnedAsync(conn, tx, claimed.Id, _options.WorkerId, ct);
        if (job is null) return;
        var now = time.GetUtcNow();
        var outcome = "done";
        if (job.Kind == JobKinds.Schedule) outcome = await schedules.FireAsync(conn, tx, job, now, ct);
        else if (job.InstanceId is { } instanceId && (job.Kind != JobKinds.Effect || job.TokenId is not null))
        {
            var ctx = await engine.OpenStepAsync(conn, tx, instanceId, now, ct);
            if (ctx is null) outcome = "instance-ended";
            else if (job.Kind == JobKinds.Effect) outcome = await ResumeAfterHttpAsync(ctx, job, response);
            else outcome = await engine.FireAsync(ctx, job);
        }
        await JobStore.CompleteAsync(conn, tx, job, _options.WorkerId, now, outcome, ct);
    }

    private async Task<string> ResumeAfterHttpAsync(StepContext ctx, JobRow job, JsonNode? response)
    {
        var node = ctx.Model.Node(job.NodeId!);
        var token = await ctx.Conn.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(
            $"SELECT {TokenRow.Columns} FROM workflow.tokens WHERE id = @id", new { id = job.TokenId }, ctx.Tx, cancellationToken: ctx.Ct));
        if (token is not { Status: "waiting" } || token.NodeId != node.Id) return "stale";
        if (job.PayloadObject["skipped"] is null && node.Action is HttpAction http)
        {
            ctx.SetVariable(node.Id + "_response", response?.DeepClone());
            foreach (var map in http.Map) ctx.SetVariable(map.Variable, EffectDelivery.Select(response, map.Path)?.DeepClone());
        }
        await engine.LeaveAsync(ctx, token.Id, node);
        await engine.RunAsync(ctx);
        return "resumed";
    }

    /// <summary>An HTTP step out of retries leaves through an error boundary event (code "http") when its task has one.</summary>
    private async Task<bool> CaughtByErrorBoundaryAsync(NpgsqlConnection conn, NpgsqlTransaction tx, JobRow job, Exception error, DateTimeOffset now, CancellationToken ct)
    {
        if (job is not { Kind: JobKinds.Effect, TokenId: { } tokenId, InstanceId: { } instanceId, NodeId: { } nodeId }) return false;
        var ctx = await engine.OpenStepAsync(conn, tx, instanceId, now, ct);
        if (ctx is null || !ctx.Model.Nodes.TryGetValue(nodeId, out var node)) return false;
        var token = await conn.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(
            $"SELECT {TokenRow.Columns} FROM workflow.tokens WHERE id = @tokenId", new { tokenId }, tx, cancellationToken: ct));
        if (token is not { Status: "waiting" } || token.NodeId != nodeId) return false;
        if (!await engine.CatchErrorAsync(ctx, tokenId, node, "http", error.Message)) return false;
        await engine.RunAsync(ctx);
        await JobStore.CompleteAsync(conn, tx, job, _options.WorkerId, now, "error-boundary", ct);
        return true;
    }

    private async Task FailAsync(JobRow job, Exception error, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var exhausted = job.Attempts >= job.MaxAttempts || WorkflowEngine.IsStepFailure(error) && job.Kind != JobKinds.Effect;
        var delay = TimeSpan.FromTicks(Math.Min(_options.MaxBackoff.Ticks, _options.RetryBackoff.Ticks * (1L << Math.Min(job.Attempts - 1, 20))));
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var updated = await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE workflow.jobs SET locked_by = NULL, locked_until = NULL, last_error = @error,
              status = CASE WHEN @exhausted THEN 'incident' ELSE 'pending' END, due_at = @due
            WHERE id = @id AND locked_by = @worker
            """, new { id = job.Id, worker = _options.WorkerId, error = error.Message, exhausted, due = now + delay }, tx, cancellationToken: ct));
        if (updated == 1 && exhausted && await CaughtByErrorBoundaryAsync(conn, tx, job, error, now, ct))
        {
            await tx.CommitAsync(ct);
            return;
        }
        if (updated == 1 && exhausted)
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO workflow.incidents (id, job_id, instance_id, node_id, kind, error, created_at)
                VALUES (@id, @jobId, @instanceId, @nodeId, @kind, @error, @now)
                """, new { id = Guid.CreateVersion7(now), jobId = job.Id, instanceId = job.InstanceId, nodeId = job.NodeId, kind = job.Kind, error = error.Message, now },
                tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
