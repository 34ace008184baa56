using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Benchmarks;

/// <summary>
/// What the reporting projection costs writers: the same COPY batches and single-row inserts into forms.records,
/// alternately for the projected form and, with the projection triggers disabled, for another form, on the same
/// table with the same indexes, so the difference is the whole cost of the projection machinery.
/// </summary>
internal static class ReportsBenchmarkWrites
{
    public sealed record Figures(int BulkRows, double BulkProjectedPerSecond, double BulkPlainPerSecond,
        double SingleProjectedMedianMs, double SinglePlainMedianMs);

    public static async Task<Figures> MeasureAsync(string connectionString, int bulkRows, int batch, int singles)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var projected = TimeSpan.Zero;
        var plain = TimeSpan.Zero;
        // Alternating batches spread the machine's background load evenly over both forms.
        for (var done = 0; done < bulkRows; done += batch)
        {
            projected += await CopyAsync(conn, "opportunities", done, batch);
            await TriggersAsync(conn, enable: false);
            plain += await CopyAsync(conn, "unprojected", done, batch);
            await TriggersAsync(conn, enable: true);
        }
        var single = new LatencyStats();
        var singlePlain = new LatencyStats();
        for (var i = 0; i < singles; i++)
            await single.TimeAsync(() => InsertOneAsync(conn, "opportunities", i));
        await TriggersAsync(conn, enable: false);
        for (var i = 0; i < singles; i++)
            await singlePlain.TimeAsync(() => InsertOneAsync(conn, "unprojected", i));
        await TriggersAsync(conn, enable: true);
        await using (var cleanup = new NpgsqlCommand("DELETE FROM forms.records WHERE app_key = 'bench' AND (form_key = 'unprojected' OR title LIKE 'Written %')", conn) { CommandTimeout = 600 })
            await cleanup.ExecuteNonQueryAsync();
        return new Figures(bulkRows, Math.Round(bulkRows / projected.TotalSeconds), Math.Round(bulkRows / plain.TotalSeconds),
            single.Median, singlePlain.Median);
    }

    private static async Task TriggersAsync(NpgsqlConnection conn, bool enable)
    {
        var verb = enable ? "ENABLE" : "DISABLE";
        await using var cmd = new NpgsqlCommand(
            $"ALTER TABLE forms.records {verb} TRIGGER reports_project_insert, {verb} TRIGGER reports_project_update, {verb} TRIGGER reports_project_delete", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<TimeSpan> CopyAsync(NpgsqlConnection conn, string form, int offset, int count)
    {
        var sw = Stopwatch.StartNew();
        await using var writer = await conn.BeginBinaryImportAsync(
            "COPY forms.records (id, app_key, form_key, data, title, created_by, created_at, updated_by, updated_at, version) FROM STDIN (FORMAT BINARY)");
        var now = DateTime.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var n = offset + i;
            await writer.StartRowAsync();
            await writer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
            await writer.WriteAsync(ReportsBenchmarkData.App, NpgsqlDbType.Text);
            await writer.WriteAsync(form, NpgsqlDbType.Text);
            await writer.WriteAsync(Data(n), NpgsqlDbType.Jsonb);
            await writer.WriteAsync($"Written {n}", NpgsqlDbType.Text);
            await writer.WriteAsync(Guid.Empty, NpgsqlDbType.Uuid);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(Guid.Empty, NpgsqlDbType.Uuid);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(1, NpgsqlDbType.Integer);
        }
        await writer.CompleteAsync();
        return sw.Elapsed;
    }

    private static async Task<int> InsertOneAsync(NpgsqlConnection conn, string form, int n)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO forms.records (id, app_key, form_key, data, title, created_by, created_at, updated_by, updated_at, version)
            VALUES (gen_random_uuid(), 'bench', @form, @data::jsonb, @title, @zero, now(), @zero, now(), 1)
            """, conn);
        cmd.Parameters.AddWithValue("form", form);
        cmd.Parameters.AddWithValue("data", Data(n));
        cmd.Parameters.AddWithValue("title", $"Written {n}");
        cmd.Parameters.AddWithValue("zero", Guid.Empty);
        return await cmd.ExecuteNonQueryAsync();
    }

    private static readonly string[] Stages = ["lead", "qualify", "proposal", "negotiation", "won", "lost"];
    private static readonly string[] Regions = ["north", "east", "south", "west", "central"];

    private static string Data(int n) =>
        $$"""{"name": "Deal w{{n}}", "stage": "{{Stages[n % 6]}}", "region": "{{Regions[n % 5]}}", "partner": "{{new Guid(n, 0, 0, new byte[8]):D}}", "amount": {{n % 100000}}.5, "probability": {{n % 100}}, "close_date": "2025-{{1 + n % 12:00}}-{{1 + n % 28:00}}"}""";
}
