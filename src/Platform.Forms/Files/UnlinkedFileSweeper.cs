using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.Forms.Files;

/// <summary>
/// Removes uploads that no record ever linked once they are older than <see cref="FormsOptions.UnlinkedFileMaxAge"/>
/// (an upload whose form was abandoned). A file a record linked once is kept even if later unlinked, since older
/// history may mention it. Before deleting, the sweep also checks that no record, deleted ones included, refers to
/// the file; a record committing the link at the same moment holds the file row's lock, so the delete re-checks
/// and skips it.
/// </summary>
internal sealed class UnlinkedFileSweeper(NpgsqlDataSource dataSource, TimeProvider clock, IOptions<FormsOptions> options,
    ILogger<UnlinkedFileSweeper> logger) : BackgroundService
{
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - options.Value.UnlinkedFileMaxAge;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var removed = await conn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM forms.files f
            WHERE f.linked_at IS NULL AND f.created_at < @cutoff
              AND NOT EXISTS (SELECT 1 FROM forms.records r WHERE r.app_key = f.app_key AND r.form_key = f.form_key
                              AND r.data -> f.field_key @> jsonb_build_array(jsonb_build_object('id', f.id::text)))
            """, new { cutoff }, cancellationToken: ct, commandTimeout: 0));
        if (removed > 0) logger.LogInformation("Removed {Count} uploaded files never linked to a record (older than {Cutoff})", removed, cutoff);
        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FileSweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await SweepAsync(stoppingToken); }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // The next tick tries again; a database hiccup must not stop the sweeper for good.
                logger.LogWarning(e, "Sweeping unlinked files failed");
            }
        }
    }
}
