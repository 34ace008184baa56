using System.Collections.Concurrent;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Core.Organization;

namespace Platform.Forms.Import;

/// <summary>
/// Runs large imports in the background. The job row keeps the file, options and acting user until the job ends,
/// and a checkpoint (next row, totals, new errors) is written in the same transaction as each batch of rows, so
/// <see cref="ResumeAllAsync"/> continues a job a stopped process left running right after its last committed row,
/// without writing any row twice. While a job runs its process holds a session advisory lock on it; the lock dies
/// with the process's connection, so a job is never run by two processes at once and never waits for a lease.
/// A resumed job acts with the rights its user had when it was started.
/// </summary>
internal sealed class ImportJobs(NpgsqlDataSource dataSource, RecordImporter importer, TimeProvider clock, ILogger<ImportJobs> logger)
    : IDisposable, IAsyncDisposable
{
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Guid, Task> _running = new();

    public async Task<Guid> StartAsync(UserContext user, string app, string form, byte[] content, string fileName, ImportOptions options, int total, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using (var conn = await dataSource.OpenConnectionAsync(ct))
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO forms.import_jobs (id, app_key, form_key, status, total, processed, inserted, updated, skipped, failed, created_by, created_at,
                                               file_name, content, options, acting_user)
                VALUES (@id, @app, @form, 'running', @total, 0, 0, 0, 0, 0, @userId, @now, @fileName, @content, @options::jsonb, @actingUser::jsonb)
                """, new
                {
                    id, app, form, total, userId = user.UserId, now = clock.GetUtcNow(), fileName, content,
                    options = JsonSerializer.Serialize(options, JsonSerializerOptions.Web),
                    actingUser = JsonSerializer.Serialize(StoredUser.From(user), JsonSerializerOptions.Web),
                }, cancellationToken: ct));
        }
        Launch(id);
        return id;
    }

    /// <summary>Starts every job still marked running (called at start-up); jobs another live process runs are left to it.</summary>
    public async Task<int> ResumeAllAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var ids = (await conn.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM forms.import_jobs WHERE status = 'running' ORDER BY created_at", cancellationToken: ct))).ToList();
        foreach (var id in ids) Launch(id);
        return ids.Count;
    }

    public async Task<ImportJob?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(Guid Id, string Status, int Total, int Processed, string? Report, string? Error)>(new CommandDefinition(
            "SELECT id, status, total, processed, report::text, error FROM forms.import_jobs WHERE id = @id", new { id }, cancellationToken: ct));
        if (row.Id == Guid.Empty) return null;
        var report = row.Report is null ? null : JsonSerializer.Deserialize<ImportReport>(row.Report, JsonSerializerOptions.Web);
        return new ImportJob(row.Id, row.Status, row.Total, row.Processed, report, row.Error);
    }

    private void Launch(Guid id)
    {
        if (_stopping.IsCancellationRequested) return;
        var task = Task.Run(() => RunAsync(id));
        if (_running.TryAdd(id, task)) _ = task.ContinueWith(_ => _running.TryRemove(id, out Task? _), TaskScheduler.Default);
    }

    private sealed record JobRow(string AppKey, string FormKey, string Status, int Processed, int Inserted, int Updated, int Skipped, int Failed,
        string? FileName, byte[]? Content, string? Options, string? ActingUser, string Errors);

    private async Task RunAsync(Guid id)
    {
        var ct = _stopping.Token;
        var lockKey = $"forms.import:{id}";
        try
        {
            await using var guard = await dataSource.OpenConnectionAsync(ct);
            if (!await guard.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(hashtextextended(@lockKey, 0))", new { lockKey }, cancellationToken: ct)))
                return;
            try
            {
                var job = await guard.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition("""
                    SELECT app_key AS AppKey, form_key AS FormKey, status, processed, inserted, updated, skipped, failed,
                           file_name AS FileName, content, options::text AS Options, acting_user::text AS ActingUser, errors::text AS Errors
                    FROM forms.import_jobs WHERE id = @id
                    """, new { id }, cancellationToken: ct));
                if (job is not { Status: "running" }) return;
                if (job.Content is null || job.FileName is null || job.ActingUser is null)
                {
                    await FinishAsync(id, "failed", null, "The job was started by an older version that did not keep its file; upload it again.", CancellationToken.None);
                    return;
                }
                var user = JsonSerializer.Deserialize<StoredUser>(job.ActingUser, JsonSerializerOptions.Web)!.ToContext();
                var options = JsonSerializer.Deserialize<ImportOptions>(job.Options ?? "{}", JsonSerializerOptions.Web) ?? new();
                var resume = job.Processed == 0 ? null : new ImportCheckpoint(job.Processed, job.Inserted, job.Updated, job.Skipped, job.Failed,
                    JsonSerializer.Deserialize<List<ImportRowError>>(job.Errors, JsonSerializerOptions.Web) ?? []);
                if (resume is not null) logger.LogInformation("Resuming import job {Job} at row {Row}", id, resume.NextRow);
                var report = await importer.ImportAsync(user, job.AppKey, job.FormKey, job.Content, job.FileName, options, resume,
                    (tx, checkpoint) => CheckpointAsync(tx, id, checkpoint, ct), ct);
                await FinishAsync(id, "completed", report, null, ct);
            }
            finally
            {
                await guard.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(hashtextextended(@lockKey, 0))", new { lockKey }));
            }
        }
        catch (Exception e) when (_stopping.IsCancellationRequested && e is OperationCanceledException or NpgsqlException or ObjectDisposedException)
        {
            // Shutting down: the job stays running at its last checkpoint and is resumed at the next start.
            logger.LogInformation("Import job {Job} interrupted by shutdown", id);
        }
        catch (Exception e)
        {
            // The job boundary: whatever went wrong is recorded on the job for the user, not lost in a background task.
            logger.LogError(e, "Import job {Job} failed", id);
            try { await FinishAsync(id, "failed", null, e.Message, CancellationToken.None); }
            catch (Exception inner) { logger.LogError(inner, "Import job {Job}: recording the failure failed", id); }
        }
    }

    /// <summary>Runs inside the batch's transaction: the rows and the checkpoint commit together or not at all.</summary>
    private static Task CheckpointAsync(NpgsqlTransaction tx, Guid id, ImportCheckpoint checkpoint, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            UPDATE forms.import_jobs SET processed = @NextRow, inserted = @Inserted, updated = @Updated, skipped = @Skipped, failed = @Failed,
              errors = CASE WHEN jsonb_array_length(errors) >= 1000 THEN errors ELSE errors || @errors::jsonb END
            WHERE id = @id
            """, new
            {
                id, checkpoint.NextRow, checkpoint.Inserted, checkpoint.Updated, checkpoint.Skipped, checkpoint.Failed,
                errors = JsonSerializer.Serialize(checkpoint.Errors.Take(1000), JsonSerializerOptions.Web),
            }, tx, cancellationToken: ct));

    private async Task FinishAsync(Guid id, string status, ImportReport? report, string? error, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE forms.import_jobs SET status = @status, processed = CASE WHEN @status = 'completed' THEN total ELSE processed END,
              inserted = @inserted, updated = @updated, skipped = @skipped, failed = @failed, report = @report::jsonb, error = @error,
              finished_at = @now, content = NULL
            WHERE id = @id
            """, new { id, status, inserted = report?.Inserted ?? 0, updated = report?.Updated ?? 0, skipped = report?.Skipped ?? 0, failed = report?.Failed ?? 0,
                report = report is null ? null : JsonSerializer.Serialize(report with { Errors = report.Errors.Take(1000).ToList() }, JsonSerializerOptions.Web),
                error, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    /// <summary>Cancels running jobs and waits for them to roll back their open batch.</summary>
    public async Task StopAsync()
    {
        if (!_stopping.IsCancellationRequested) await _stopping.CancelAsync();
        await Task.WhenAll(_running.Values).WaitAsync(StopWait).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }

    public void Dispose()
    {
        _stopping.Cancel();
        Task.WhenAll(_running.Values).Wait(StopWait);
        _stopping.Dispose();
    }

    /// <summary>The acting user as the job row keeps it.</summary>
    private sealed record StoredUser(Guid UserId, string UserName, string DisplayName, Guid? DepartmentId, Guid? PartnerId, string[] Roles, bool IsAdministrator)
    {
        public static StoredUser From(UserContext u) => new(u.UserId, u.UserName, u.DisplayName, u.DepartmentId, u.PartnerId, [.. u.Roles], u.IsAdministrator);
        public UserContext ToContext() => new(UserId, UserName, DisplayName, DepartmentId, PartnerId, Roles.ToHashSet(), IsAdministrator);
    }
}
