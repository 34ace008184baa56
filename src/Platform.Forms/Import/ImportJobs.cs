using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Core.Organization;

namespace Platform.Forms.Import;

/// <summary>
/// Runs large imports in the background and records their progress in forms.import_jobs, so a client can poll.
/// A job interrupted by a restart stays 'running' with its last progress; it is not resumed.
/// </summary>
internal sealed class ImportJobs(NpgsqlDataSource dataSource, RecordImporter importer, TimeProvider clock, ILogger<ImportJobs> logger) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public async Task<Guid> StartAsync(UserContext user, string app, string form, byte[] content, string fileName, ImportOptions options, int total, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using (var conn = await dataSource.OpenConnectionAsync(ct))
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO forms.import_jobs (id, app_key, form_key, status, total, processed, inserted, updated, skipped, failed, created_by, created_at)
                VALUES (@id, @app, @form, 'running', @total, 0, 0, 0, 0, 0, @user, @now)
                """, new { id, app, form, total, user = user.UserId, now = clock.GetUtcNow() }, cancellationToken: ct));
        }
        _ = Task.Run(() => RunAsync(id, user, app, form, content, fileName, options), _stopping.Token);
        return id;
    }

    /// <summary>Completes when the job has finished (tests and callers that want to wait).</summary>
    public async Task<ImportJob?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(Guid Id, string Status, int Total, int Processed, string? Report, string? Error)>(new CommandDefinition(
            "SELECT id, status, total, processed, report::text, error FROM forms.import_jobs WHERE id = @id", new { id }, cancellationToken: ct));
        if (row.Id == Guid.Empty) return null;
        var report = row.Report is null ? null : JsonSerializer.Deserialize<ImportReport>(row.Report, JsonSerializerOptions.Web);
        return new ImportJob(row.Id, row.Status, row.Total, row.Processed, report, row.Error);
    }

    private async Task RunAsync(Guid id, UserContext user, string app, string form, byte[] content, string fileName, ImportOptions options)
    {
        var ct = _stopping.Token;
        try
        {
            var report = await importer.ImportAsync(user, app, form, content, fileName, options, processed => UpdateAsync(id, processed, ct), ct);
            await FinishAsync(id, "completed", report, null, ct);
        }
        catch (Exception e)
        {
            // The job boundary: whatever went wrong is recorded on the job for the user, not lost in a background task.
            logger.LogError(e, "Import job {Job} failed", id);
            await FinishAsync(id, "failed", null, e.Message, CancellationToken.None);
        }
    }

    private async Task UpdateAsync(Guid id, int processed, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("UPDATE forms.import_jobs SET processed = @processed WHERE id = @id", new { id, processed }, cancellationToken: ct));
    }

    private async Task FinishAsync(Guid id, string status, ImportReport? report, string? error, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE forms.import_jobs SET status = @status, processed = CASE WHEN @status = 'completed' THEN total ELSE processed END,
              inserted = @inserted, updated = @updated, skipped = @skipped, failed = @failed, report = @report::jsonb, error = @error, finished_at = @now
            WHERE id = @id
            """, new { id, status, inserted = report?.Inserted ?? 0, updated = report?.Updated ?? 0, skipped = report?.Skipped ?? 0, failed = report?.Failed ?? 0,
                report = report is null ? null : JsonSerializer.Serialize(report with { Errors = report.Errors.Take(1000).ToList() }, JsonSerializerOptions.Web),
                error, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
