using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Core.Organization;
using Platform.Forms.Bulk;
using Platform.Forms.Definitions;
using Platform.Forms.Queries;
using Platform.Forms.Records;
using Platform.Forms.Storage;
using Platform.Forms.Tests.Support;

namespace Platform.Forms.Tests.Bulk;

public class BulkLoadTests(FormsFixture db) : IClassFixture<FormsFixture>
{
    private IRecordBulkLoader Loader => db.Services.GetRequiredService<IRecordBulkLoader>();
    private readonly UserContext _director = TestForms.User("director", Guid.NewGuid(), roles: ["director", "sales"]);

    /// <summary>Each test its own app, so counts and unique values do not meet.</summary>
    private async Task<FormDefinition> PublishCustomersAsync(string app) =>
        await TestForms.PublishAsync(db.Services, TestForms.Customers.Replace("\"app\": \"crm\"", $"\"app\": \"{app}\""));

    private static IEnumerable<BulkRow> Rows(params string[] json) => json.Select(j => new BulkRow(TestForms.Obj(j)));

    private static IEnumerable<BulkRow> Generated(int count, string prefix) => Enumerable.Range(0, count).Select(i => new BulkRow(new JsonObject
    {
        ["name"] = $"客户 {prefix} {i}", ["code"] = $"{prefix}-{i:0000}", ["industry"] = i % 2 == 0 ? "it" : "mfg", ["revenue"] = i * 10,
        ["phone"] = "138 0013 8000",
    }));

    private async Task<HashSet<string>> ValidIndexesAsync()
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        return (await conn.QueryAsync<string>("""
            SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = 'forms.records'::regclass AND i.indisvalid
            """)).ToHashSet();
    }

    /// <summary>Without unique fields rows are copied straight into the tables; with one they pass through staging.</summary>
    [Theory]
    [InlineData("bulk_a", true)]
    [InlineData("bulk_a_direct", false)]
    public async Task A_large_load_writes_records_history_and_events_and_brings_its_deferred_indexes_back(string app, bool unique)
    {
        var form = await TestForms.PublishAsync(db.Services, TestForms.Customers.Replace("\"app\": \"crm\"", $"\"app\": \"{app}\"")
            .Replace("\"unique\": true", $"\"unique\": {(unique ? "true" : "false")}"));
        var wanted = db.Services.GetRequiredService<RecordIndexManager>().Desired(form).Select(i => i.Name).ToList();
        Assert.Equal(unique ? 4 : 3, wanted.Count); // industry, revenue, search, and the unique code
        Assert.Subset(await ValidIndexesAsync(), wanted.ToHashSet());

        // The hint crosses the deferral threshold, so the non-unique indexes are dropped and rebuilt around the load.
        var result = await Loader.LoadAsync(_director, app, "customers", Generated(600, "A"),
            new BulkLoadOptions { ExpectedRows = 1_000_000 }, default);

        Assert.Equal((600, 600, 0, false, true), (result.Total, result.Inserted, result.Failed, result.RolledBack, result.IndexesRebuilt));
        Assert.Empty(result.Errors);
        Assert.Subset(await ValidIndexesAsync(), wanted.ToHashSet());
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        Assert.Equal(unique ? 4 : 3, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM forms.form_indexes WHERE app_key = @app", new { app }));
        var counts = await conn.QuerySingleAsync<(long Records, long History, long Events)>("""
            SELECT (SELECT count(*) FROM forms.records WHERE app_key = @app),
                   (SELECT count(*) FROM forms.record_history WHERE app_key = @app AND kind = 'created' AND version = 1),
                   (SELECT count(*) FROM forms.record_events WHERE app_key = @app AND kind = 'created' AND after IS NOT NULL)
            """, new { app });
        Assert.Equal((600L, 600L, 600L), counts);

        // Stored exactly as a single create would store it: normalised values, title, owner and department.
        var queries = db.Services.GetRequiredService<IRecordQueries>();
        var page = await queries.ListAsync(_director, app, "customers", new RecordQuery { Keyword = "A-0007" }, default);
        var record = Assert.Single(page.Items);
        Assert.Equal("客户 A 7", record.Title);
        Assert.Equal("+8613800138000", record.Data["phone"]!["e164"]!.GetValue<string>());
        Assert.Equal(_director.UserId, record.OwnerId);
        Assert.Equal(1, record.Version);
        var single = Assert.IsType<RecordWriteResult.Saved>(await db.Services.GetRequiredService<IRecordStore>().CreateAsync(_director, app, "customers",
            TestForms.Obj("""{"name": "客户 A 7", "code": "single-7", "industry": "mfg", "revenue": 70, "phone": "138 0013 8000"}"""), default)).Record;

        var store = db.Services.GetRequiredService<IRecordStore>();
        var bulkHistory = Assert.Single((await store.HistoryAsync(_director, app, "customers", record.Id, default))!);
        var singleHistory = Assert.Single((await store.HistoryAsync(_director, app, "customers", single.Id, default))!);
        Assert.Equal(singleHistory.Changes.Select(c => c.Field), bulkHistory.Changes.Select(c => c.Field));
        Assert.Equal("A-0007", bulkHistory.Changes.Single(c => c.Field == "code").After!.GetValue<string>());
        Assert.All(bulkHistory.Changes, c => Assert.Null(c.Before));
        var changed = await conn.QuerySingleAsync<string[]>("SELECT changed_fields FROM forms.record_events WHERE record_id = @id", new { id = record.Id });
        Assert.Equal(bulkHistory.Changes.Select(c => c.Field), changed);

        // The rebuilt indexes serve the filters again.
        var filtered = await queries.ListAsync(_director, app, "customers", new RecordQuery
        {
            Filter = FilterNode.Where("industry", FilterOperator.Eq, JsonValue.Create("it")), PageSize = 500,
        }, default);
        Assert.Equal(300, filtered.Items.Count);
    }

    [Fact]
    public async Task A_duplicate_unique_value_fails_its_row_by_name_and_keeps_the_valid_rows()
    {
        await PublishCustomersAsync("bulk_b");
        Assert.IsType<RecordWriteResult.Saved>(await db.Services.GetRequiredService<IRecordStore>().CreateAsync(_director, "bulk_b", "customers",
            TestForms.Obj("""{"name": "Old", "code": "C1"}"""), default));

        var result = await Loader.LoadAsync(_director, "bulk_b", "customers", Rows(
            """{"name": "Dup of existing", "code": "C1"}""",
            """{"name": "First C2", "code": "C2"}""",
            """{"name": "Second C2", "code": "C2"}""",
            """{"name": "", "code": "C3"}""",
            """{"name": "Fine", "code": "C4"}"""), new BulkLoadOptions { ExpectedRows = 1_000_000 }, default);

        Assert.Equal([(0, "code", "unique"), (2, "code", "unique"), (3, "name", "required")], result.Errors.Select(e => (e.Row, e.Field, e.Code)));
        Assert.Equal((5, 2, 3, false), (result.Total, result.Inserted, result.Failed, result.RolledBack));
        Assert.Contains("不能重复", result.Errors[0].Zh);
        Assert.Contains("must be unique", result.Errors[0].En);
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        var names = (await conn.QueryAsync<string>("SELECT data->>'name' FROM forms.records WHERE app_key = 'bulk_b' ORDER BY 1")).ToList();
        Assert.Equal(["Fine", "First C2", "Old"], names);
        // One event each for "Old" and the two loaded rows; none for the refused ones.
        Assert.Equal(["Fine", "First C2", "Old"], await conn.QueryAsync<string>(
            "SELECT after->>'name' FROM forms.record_events WHERE app_key = 'bulk_b' AND kind = 'created' ORDER BY 1"));
    }

    [Fact]
    public async Task All_or_nothing_writes_nothing_when_one_row_is_a_duplicate()
    {
        await PublishCustomersAsync("bulk_c");
        var result = await Loader.LoadAsync(_director, "bulk_c", "customers", Generated(300, "C").Append(new BulkRow(TestForms.Obj("""{"name": "Late dup", "code": "C-0299"}"""))),
            new BulkLoadOptions { AllOrNothing = true }, default);

        Assert.True(result.RolledBack);
        Assert.Equal((301, 0, 1), (result.Total, result.Inserted, result.Failed));
        Assert.Equal((300, "code"), (result.Errors.Single().Row, result.Errors.Single().Field));
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("""
            SELECT (SELECT count(*) FROM forms.records WHERE app_key = 'bulk_c') + (SELECT count(*) FROM forms.record_history WHERE app_key = 'bulk_c')
                 + (SELECT count(*) FROM forms.record_events WHERE app_key = 'bulk_c')
            """));
    }

    [Fact]
    public async Task Indexes_left_deferred_by_an_interrupted_load_are_rebuilt_by_the_next_load()
    {
        var form = await PublishCustomersAsync("bulk_d");
        var manager = db.Services.GetRequiredService<RecordIndexManager>();
        await using (var scope = db.Services.CreateAsyncScope())
            await manager.DeferAsync(scope.ServiceProvider.GetRequiredService<FormsDbContext>(), form, default);
        var wanted = manager.Desired(form).Select(i => i.Name).ToHashSet();
        var present = await ValidIndexesAsync();
        Assert.Single(wanted, present.Contains); // only the unique index survives a deferral

        var result = await Loader.LoadAsync(_director, "bulk_d", "customers", Generated(10, "D"), new BulkLoadOptions(), default);

        Assert.Equal((10, false), (result.Inserted, result.IndexesRebuilt));
        Assert.Subset(await ValidIndexesAsync(), wanted);
    }

    [Fact]
    public async Task A_user_without_the_create_right_is_refused_before_anything_is_read()
    {
        await PublishCustomersAsync("bulk_e");
        var viewer = TestForms.User("viewer", roles: "director"); // director: read/update/delete/export/import, no create
        var result = await Loader.LoadAsync(viewer, "bulk_e", "customers", Generated(3, "E"), new BulkLoadOptions(), default);
        Assert.True(result.RolledBack);
        Assert.Equal(0, result.Inserted);
        Assert.Contains("新建", result.Errors.Single().Zh);
    }
}
