using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Reports.Sources;

namespace Platform.Reports.Projections;

/// <summary>
/// Makes sure a form's reporting projection exists and matches its published fields before a report reads it.
/// Built lazily on first use and rebuilt when a publish changes the projected fields (the layout's signature);
/// the check is an in-memory lookup once the projection is known to be current.
/// </summary>
internal sealed class ProjectionManager(NpgsqlDataSource dataSource, ILogger<ProjectionManager> logger)
{
    private readonly ConcurrentDictionary<(string App, string Form), string> _current = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<ProjectionLayout> EnsureAsync(SourceSchema schema, CancellationToken ct)
    {
        var layout = ProjectionLayout.For(schema);
        if (_current.TryGetValue((layout.App, layout.Form), out var signature) && signature == layout.Signature) return layout;
        await _gate.WaitAsync(ct);
        try
        {
            if (!(_current.TryGetValue((layout.App, layout.Form), out signature) && signature == layout.Signature))
            {
                await BuildIfStaleAsync(layout, ct);
                _current[(layout.App, layout.Form)] = layout.Signature;
            }
            return layout;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets what is known to be current, so the next report checks the database again.</summary>
    public void Reset() => _current.Clear();

    private async Task BuildIfStaleAsync(ProjectionLayout layout, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecAsync(conn, tx, "SELECT pg_advisory_xact_lock(hashtextextended('reports.projection/' || $1 || '/' || $2, 0))", ct, layout.App, layout.Form);
        await using (var check = new NpgsqlCommand("SELECT signature FROM reports.projections WHERE app_key = $1 AND form_key = $2", conn, tx))
        {
            check.Parameters.Add(new NpgsqlParameter { Value = layout.App });
            check.Parameters.Add(new NpgsqlParameter { Value = layout.Form });
            if (await check.ExecuteScalarAsync(ct) is string existing && existing == layout.Signature)
            {
                await tx.CommitAsync(ct);
                return;
            }
        }

        // Writers wait while the projection is (re)built, so no record can commit between the backfill's snapshot
        // and the moment the triggers start maintaining the new table: the projection is exact from its first read.
        await ExecAsync(conn, tx, "LOCK TABLE forms.records IN SHARE MODE", ct);
        await ExecAsync(conn, tx, $"DROP TABLE IF EXISTS {layout.QualifiedTable}", ct);
        await ExecAsync(conn, tx, layout.CreateTableSql(), ct);
        var backfilled = await ExecAsync(conn, tx, layout.InsertSql("forms.records", upsert: false), ct, layout.App, layout.Form);
        await ExecAsync(conn, tx, """
            INSERT INTO reports.projections (app_key, form_key, table_name, signature, insert_sql, upsert_sql, built_at)
            VALUES ($1, $2, $3, $4, $5, $6, now())
            ON CONFLICT (app_key, form_key) DO UPDATE SET table_name = EXCLUDED.table_name, signature = EXCLUDED.signature,
              insert_sql = EXCLUDED.insert_sql, upsert_sql = EXCLUDED.upsert_sql, built_at = EXCLUDED.built_at
            """, ct, layout.App, layout.Form, layout.Table, layout.Signature, layout.InsertSql("new_rows", upsert: false), layout.InsertSql("new_rows", upsert: true));
        await ExecAsync(conn, tx, $"ANALYZE {layout.QualifiedTable}", ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Built the reporting projection of {App}/{Form} ({Rows} records, {Columns} typed columns)",
            layout.App, layout.Form, backfilled, layout.Columns.Count);
    }

    private static async Task<int> ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct, params object[] values)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 0 };
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
