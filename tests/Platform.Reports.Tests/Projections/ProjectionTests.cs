using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Records;
using Platform.Reports.Tests.Support;

namespace Platform.Reports.Tests.Projections;

/// <summary>A smaller data set: these tests write records and compare the whole projection after each write.</summary>
public sealed class ProjectionFixture : ReportsFixture
{
    protected override int Size => 400;
}

/// <summary>
/// The typed reporting projection stays exact through every kind of record write: each test compares the whole
/// projection with the same values read independently from forms.records, and a report with hand-written SQL.
/// </summary>
public sealed class ProjectionTests(ProjectionFixture fixture) : IClassFixture<ProjectionFixture>
{
    private readonly ReportTestKit _kit = new(fixture);
    private IRecordStore Store => fixture.Services.GetRequiredService<IRecordStore>();

    private const string ByStage = """
        { "app": "crm", "key": "by-stage", "name": "By stage", "source": {"form": "opportunities"}, "chart": {"type": "column"},
          "dimensions": [{"field": "stage"}], "measures": [{"key": "s", "aggregate": "sum", "field": "amount"}] }
        """;

    private const string ByOwner = """
        { "app": "crm", "key": "by-owner", "name": "By owner", "source": {"form": "opportunities"}, "chart": {"type": "column"},
          "dimensions": [{"field": "owner"}], "measures": [{"key": "n", "aggregate": "count"}] }
        """;

    [Fact]
    public async Task The_first_report_builds_the_projection_from_existing_records()
    {
        await _kit.RunAsync(ByStage);
        await AssertExactAsync();
        Assert.Equal(fixture.Data.Opportunities.Count, Convert.ToInt32(await _kit.ScalarAsync($"SELECT count(*) FROM {await TableAsync()}")));
    }

    [Fact]
    public async Task Create_update_and_partial_update_are_projected_in_the_same_transaction()
    {
        await _kit.RunAsync(ByStage);
        var id = Saved(await Store.CreateAsync(UserContext.System, "crm", "opportunities",
            new JsonObject { ["name"] = "Projected", ["stage"] = "lead", ["amount"] = 1234.5m, ["close_date"] = "2025-02-28" }, default)).Id;
        Assert.Equal(("lead", 1234.5m, new DateOnly(2025, 2, 28)), await ProjectedAsync(id));

        var record = await Store.GetAsync(UserContext.System, "crm", "opportunities", id, default);
        Saved(await Store.UpdateAsync(UserContext.System, "crm", "opportunities", id,
            new JsonObject { ["name"] = "Projected", ["stage"] = "won", ["amount"] = 99m, ["close_date"] = "2025-03-01" }, record!.Version, partial: false, default));
        Assert.Equal(("won", 99m, new DateOnly(2025, 3, 1)), await ProjectedAsync(id));

        record = await Store.GetAsync(UserContext.System, "crm", "opportunities", id, default);
        Saved(await Store.UpdateAsync(UserContext.System, "crm", "opportunities", id, new JsonObject { ["amount"] = 7m }, record!.Version, partial: true, default));
        Assert.Equal(("won", 7m, new DateOnly(2025, 3, 1)), await ProjectedAsync(id));
        await AssertExactAsync();
        await AssertReportMatchesSqlAsync();
    }

    [Fact]
    public async Task Soft_delete_removes_the_record_and_restore_brings_it_back()
    {
        await _kit.RunAsync(ByStage);
        var id = fixture.Data.Opportunities[7];
        var record = await Store.GetAsync(UserContext.System, "crm", "opportunities", id, default);
        Saved(await Store.DeleteAsync(UserContext.System, "crm", "opportunities", id, record!.Version, default));
        Assert.Null(await _kit.ScalarAsync($"SELECT id FROM {await TableAsync()} WHERE id = @id", ("id", id)));
        await AssertExactAsync();
        await AssertReportMatchesSqlAsync();

        Saved(await Store.RestoreAsync(UserContext.System, "crm", "opportunities", id, default));
        Assert.Equal(id, await _kit.ScalarAsync($"SELECT id FROM {await TableAsync()} WHERE id = @id", ("id", id)));
        await AssertExactAsync();
    }

    [Fact]
    public async Task Bulk_copy_hard_delete_and_rolled_back_writes_keep_it_exact()
    {
        await _kit.RunAsync(ByStage);
        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        var ids = Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()).ToList();
        await using (var writer = await conn.BeginBinaryImportAsync(
            "COPY forms.records (id, app_key, form_key, data, title, created_by, created_at, updated_by, updated_at, version) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                await writer.WriteAsync("crm", NpgsqlDbType.Text);
                await writer.WriteAsync("opportunities", NpgsqlDbType.Text);
                await writer.WriteAsync($$"""{"name": "Bulk {{i}}", "stage": "proposal", "amount": {{i}}.25, "close_date": "2025-01-{{1 + i % 28:00}}"}""", NpgsqlDbType.Jsonb);
                await writer.WriteAsync($"Bulk {i}", NpgsqlDbType.Text);
                await writer.WriteAsync(Guid.Empty, NpgsqlDbType.Uuid);
                await writer.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(Guid.Empty, NpgsqlDbType.Uuid);
                await writer.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
            }
            await writer.CompleteAsync();
        }
        Assert.Equal(("proposal", 3.25m, new DateOnly(2025, 1, 4)), await ProjectedAsync(ids[3]));
        await AssertExactAsync();

        await using (var tx = await conn.BeginTransactionAsync())
        {
            await using var update = new NpgsqlCommand("UPDATE forms.records SET data = data || '{\"amount\": 1}' WHERE id = ANY(@ids)", conn, tx);
            update.Parameters.AddWithValue("ids", ids.Take(100).ToArray());
            await update.ExecuteNonQueryAsync();
            await tx.RollbackAsync();
        }
        Assert.Equal(("proposal", 3.25m, new DateOnly(2025, 1, 4)), await ProjectedAsync(ids[3]));

        await using (var delete = new NpgsqlCommand("DELETE FROM forms.records WHERE id = ANY(@ids)", conn))
        {
            delete.Parameters.AddWithValue("ids", ids.Take(250).ToArray());
            await delete.ExecuteNonQueryAsync();
        }
        await AssertExactAsync();
        await AssertReportMatchesSqlAsync();
    }

    [Fact]
    public async Task A_value_of_the_wrong_shape_never_fails_the_write()
    {
        await _kit.RunAsync(ByStage);
        var emptyOwner = ReportTestKit.Rows(await _kit.RunAsync(ByOwner), "n").GetValueOrDefault("∅") ?? 0;
        var id = Guid.NewGuid();
        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO forms.records (id, app_key, form_key, data, title, created_by, created_at, updated_by, updated_at, version)
            VALUES (@id, 'crm', 'opportunities', '{"name": "Odd", "stage": "lead", "amount": "12abc", "close_date": "2025-02-30", "owner": "not-a-uuid"}',
                    'Odd', @zero, now(), @zero, now(), 1)
            """, conn);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("zero", Guid.Empty);
        await insert.ExecuteNonQueryAsync();
        try
        {
            Assert.Equal(("lead", (decimal?)null, (DateOnly?)null), await ProjectedAsync(id));
            // A reference that is not a uuid projects as empty, like the number and the date; the report still runs.
            Assert.Equal(DBNull.Value, await _kit.ScalarAsync($"SELECT f_owner FROM {await TableAsync()} WHERE id = @id", ("id", id)));
            Assert.Equal(1L, await _kit.ScalarAsync($"SELECT count(*) FROM {await TableAsync()} WHERE id = @id", ("id", id)));
            var byOwner = await _kit.RunAsync(ByOwner);
            Assert.Equal(emptyOwner + 1, ReportTestKit.Rows(byOwner, "n")["∅"]);
        }
        finally
        {
            await using var delete = new NpgsqlCommand("DELETE FROM forms.records WHERE id = @id", conn);
            delete.Parameters.AddWithValue("id", id);
            await delete.ExecuteNonQueryAsync();
        }
        Assert.Null(await _kit.ScalarAsync($"SELECT id FROM {await TableAsync()} WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task Publishing_a_new_field_rebuilds_the_projection_and_reports_can_use_it()
    {
        await _kit.RunAsync(ByStage);
        var defs = fixture.Services.GetRequiredService<IFormDefinitions>();
        var parser = fixture.Services.GetRequiredService<FormDefinitionParser>();
        var extended = parser.Parse(CrmForms.Opportunities.Replace(
            """{"key": "close_date",""", """{"key": "discount", "type": "number", "label": {"en": "Discount", "zh": "折扣"}}, {"key": "close_date","""));
        await defs.SaveDraftAsync(extended, UserContext.System, default);
        await defs.PublishAsync("crm", "opportunities", UserContext.System, default);

        await using (var conn = new NpgsqlConnection(fixture.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("""
                UPDATE forms.records SET data = data || jsonb_build_object('discount', (abs(hashtext(id::text)) % 30))
                WHERE app_key = 'crm' AND form_key = 'opportunities' AND abs(hashtext(id::text)) % 3 = 0
                """, conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var report = """
            { "app": "crm", "key": "discounts", "name": "Discounts", "source": {"form": "opportunities"}, "chart": {"type": "column"},
              "dimensions": [{"field": "stage"}], "measures": [{"key": "d", "aggregate": "sum", "field": "discount"}, {"key": "n", "aggregate": "count", "field": "discount"}] }
            """;
        var result = await _kit.RunAsync(report);
        var expected = await _kit.QueryAsync("""
            SELECT data->>'stage', sum((data->>'discount')::numeric) FROM forms.records
            WHERE app_key = 'crm' AND form_key = 'opportunities' AND deleted_at IS NULL GROUP BY 1
            """);
        Assert.Equal(expected, ReportTestKit.Rows(result, "d"));
        Assert.NotNull(await _kit.ScalarAsync($"SELECT count(f_discount) FROM {await TableAsync()}"));
        await AssertExactAsync(withDiscount: true);
    }

    [Fact]
    public async Task Date_time_fields_are_projected_so_time_of_day_buckets_and_filters_read_the_projection()
    {
        await _kit.RunAsync(ByStage);
        var defs = fixture.Services.GetRequiredService<IFormDefinitions>();
        var parser = fixture.Services.GetRequiredService<FormDefinitionParser>();
        var extended = parser.Parse(CrmForms.Opportunities.Replace(
            """{"key": "close_date",""", """{"key": "last_contact", "type": "datetime", "label": {"en": "Last contact", "zh": "最近联系"}}, {"key": "close_date","""));
        await defs.SaveDraftAsync(extended, UserContext.System, default);
        await defs.PublishAsync("crm", "opportunities", UserContext.System, default);
        await _kit.RunAsync(ByStage);

        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        // Written after the rebuild, so the triggers project them. Instants spread over the day in UTC as the form engine stores them; one value of the wrong shape.
        await using (var cmd = new NpgsqlCommand("""
            UPDATE forms.records SET data = data || jsonb_build_object('last_contact',
                to_char((created_at + (abs(hashtext(id::text)) % 2000) * interval '17 minutes') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
            WHERE app_key = 'crm' AND form_key = 'opportunities' AND abs(hashtext(id::text)) % 4 <> 0;
            UPDATE forms.records SET data = data || '{"last_contact": "2025-02-30T25:61:00Z"}'
            WHERE id = (SELECT id FROM forms.records WHERE app_key = 'crm' AND form_key = 'opportunities' ORDER BY id LIMIT 1);
            """, conn))
            await cmd.ExecuteNonQueryAsync();

        var table = await TableAsync();
        Assert.Equal("timestamp with time zone", await _kit.ScalarAsync($"SELECT pg_typeof(f_last_contact)::text FROM {table} LIMIT 1"));
        var valid = "data->>'last_contact' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[.][0-9]{3}Z$'";
        var mismatched = await _kit.ScalarAsync($"""
            SELECT count(*) FROM forms.records r JOIN {table} p USING (id)
            WHERE p.f_last_contact IS DISTINCT FROM CASE WHEN r.{valid} THEN (r.data->>'last_contact')::timestamptz END
            """);
        Assert.Equal(0L, mismatched);
        Assert.Equal(1L, await _kit.ScalarAsync($"SELECT count(*) FROM forms.records WHERE app_key = 'crm' AND form_key = 'opportunities' AND data ? 'last_contact' AND NOT ({valid})"));

        var report = """
            { "app": "crm", "key": "contacts", "name": "Contacts", "source": {"form": "opportunities"}, "chart": {"type": "column"}, "maxGroups": 5000,
              "dimensions": [{"field": "last_contact", "bucket": "day"}], "measures": [{"key": "n", "aggregate": "count"}],
              "filter": {"field": "last_contact", "op": "between", "value": ["2025-01-01", "2025-06-30"]} }
            """;
        var result = await _kit.RunAsync(report);
        var expected = await _kit.QueryAsync($"""
            SELECT to_char(date_trunc('day', (data->>'last_contact')::timestamptz AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD'), count(*) FROM forms.records
            WHERE app_key = 'crm' AND form_key = 'opportunities' AND deleted_at IS NULL AND {valid}
              AND (data->>'last_contact')::timestamptz >= '2025-01-01 00:00+08' AND (data->>'last_contact')::timestamptz < '2025-07-01 00:00+08'
            GROUP BY 1
            """);
        Assert.Equal(expected, ReportTestKit.Rows(result, "n"));
        var runner = (Platform.Reports.Running.ReportRunner)fixture.Services.GetRequiredService<Platform.Reports.Running.IReportRunner>();
        var sql = (await runner.CompileAsync(_kit.Parse(report), ReportTestKit.Admin, null, default)).Sql;
        Assert.Contains("f_last_contact", sql);
        Assert.DoesNotContain("forms.records", sql);
    }

    private const string DatePattern = @"'^\d{4}-\d{2}-\d{2}$'";

    private static FormRecord Saved(RecordWriteResult result) =>
        Assert.IsType<RecordWriteResult.Saved>(result).Record;

    private async Task<string> TableAsync() =>
        $"reports.\"{await _kit.ScalarAsync("SELECT table_name FROM reports.projections WHERE app_key = 'crm' AND form_key = 'opportunities'")}\"";

    private async Task<(string?, decimal?, DateOnly?)> ProjectedAsync(Guid id)
    {
        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT f_stage, f_amount, f_close_date FROM {await TableAsync()} WHERE id = @id", conn);
        cmd.Parameters.AddWithValue("id", id);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "The record is missing from the projection.");
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetDecimal(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2));
    }

    /// <summary>Both directions of a set difference between the projection and the live records read straight from JSONB.</summary>
    private async Task AssertExactAsync(bool withDiscount = false)
    {
        var discount = withDiscount ? ", f_discount" : "";
        var discountJson = withDiscount ? ", CASE WHEN jsonb_typeof(data->'discount') = 'number' THEN (data->>'discount')::numeric END" : "";
        var table = await TableAsync();
        var expected = $"""
            SELECT id, owner_id, department_id, partner_id, created_at, data->>'stage', (data->>'probability')::numeric,
                   CASE WHEN jsonb_typeof(data->'amount') = 'number' THEN (data->>'amount')::numeric END,
                   CASE WHEN data->>'close_date' ~ {DatePattern} THEN (data->>'close_date')::date END,
                   (data->>'partner')::uuid, (data->>'customer')::uuid{discountJson}
            FROM forms.records WHERE app_key = 'crm' AND form_key = 'opportunities' AND deleted_at IS NULL
            """;
        var actual = $"""
            SELECT id, owner_id, department_id, partner_id, created_at, f_stage, f_probability, f_amount, f_close_date, f_partner, f_customer{discount}
            FROM {table}
            """;
        var missing = await _kit.ScalarAsync($"SELECT count(*) FROM (({expected}) EXCEPT ALL ({actual})) d");
        var extra = await _kit.ScalarAsync($"SELECT count(*) FROM (({actual}) EXCEPT ALL ({expected})) d");
        Assert.Equal(0L, missing);
        Assert.Equal(0L, extra);
    }

    private async Task AssertReportMatchesSqlAsync()
    {
        var result = await _kit.RunAsync(ByStage);
        var expected = await _kit.QueryAsync("""
            SELECT data->>'stage', sum((data->>'amount')::numeric) FROM forms.records
            WHERE app_key = 'crm' AND form_key = 'opportunities' AND deleted_at IS NULL GROUP BY 1
            """);
        Assert.Equal(expected, ReportTestKit.Rows(result, "s"));
    }
}
