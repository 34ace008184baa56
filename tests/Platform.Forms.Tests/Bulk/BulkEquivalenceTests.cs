using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Core.Organization;
using Platform.Forms.Bulk;
using Platform.Forms.Records;
using Platform.Forms.Tests.Support;

namespace Platform.Forms.Tests.Bulk;

/// <summary>
/// A bulk-loaded record must be indistinguishable from one created singly with the same input: stored document,
/// title, promoted columns, history entry and outbox event; and every row gets the single create's checks.
/// </summary>
public class BulkEquivalenceTests(FormsFixture db) : IClassFixture<FormsFixture>
{
    private IRecordBulkLoader Loader => db.Services.GetRequiredService<IRecordBulkLoader>();
    private IRecordStore Store => db.Services.GetRequiredService<IRecordStore>();
    private readonly UserContext _director = TestForms.User("director", Guid.NewGuid(), roles: ["director", "sales"]);

    private sealed class Stored
    {
        public string Data { get; init; } = "";
        public string? Title { get; init; }
        public Guid? OwnerId { get; init; }
        public Guid? DepartmentId { get; init; }
        public Guid? PartnerId { get; init; }
        public int Version { get; init; }
        public string Changes { get; init; } = "";
        public string[] ChangedFields { get; init; } = [];
        public string? Before { get; init; }
        public string After { get; init; } = "";
        public string Kind { get; init; } = "";
    }

    private async Task<Stored> StoredAsync(Guid id)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        return await conn.QuerySingleAsync<Stored>("""
            SELECT r.data::text AS Data, r.title AS Title, r.owner_id AS OwnerId, r.department_id AS DepartmentId, r.partner_id AS PartnerId,
                   r.version AS Version, h.changes::text AS Changes, e.changed_fields AS ChangedFields, e.before::text AS Before,
                   e.after::text AS After, e.kind AS Kind
            FROM forms.records r
            JOIN forms.record_history h ON h.record_id = r.id
            JOIN forms.record_events e ON e.record_id = r.id
            WHERE r.id = @id
            """, new { id });
    }

    private async Task<Guid> BulkIdAsync(string app, string form, string field, string value)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        return await conn.QuerySingleAsync<Guid>(
            $"SELECT id FROM forms.records WHERE app_key = @app AND form_key = @form AND data->>'{field}' = @value", new { app, form, value });
    }

    [Theory]
    [InlineData(false)] // straight COPY
    [InlineData(true)]  // through the staging table
    public async Task A_bulk_loaded_record_stores_history_and_event_exactly_as_a_single_create(bool unique)
    {
        var app = unique ? "bulk_eq_u" : "bulk_eq";
        await TestForms.PublishAsync(db.Services, TestForms.Customers.Replace("\"app\": \"crm\"", $"\"app\": \"{app}\"")
            .Replace("\"unique\": true", $"\"unique\": {(unique ? "true" : "false")}"));
        const string input = """
            {"name": "  华为 深圳  ", "code": "HW-1", "industry": "信息技术", "tags": "vip, 新客", "revenue": "1,234.567",
             "phone": "138 0013 8000", "email": "Sales@Example.COM", "address": "广东省 深圳市 南山区 科技园 1 号",
             "since": "2024-03-05", "notes": "引号 \" 与 \\ 反斜杠"}
            """;
        var single = Assert.IsType<RecordWriteResult.Saved>(await Store.CreateAsync(_director, app, "customers",
            TestForms.Obj(input.Replace("HW-1", "HW-single")), default)).Record;
        var result = await Loader.LoadAsync(_director, app, "customers", [new BulkRow(TestForms.Obj(input))], new BulkLoadOptions(), default);
        Assert.Equal((1, 0), (result.Inserted, result.Failed));

        var bulk = await StoredAsync(await BulkIdAsync(app, "customers", "code", "HW-1"));
        var one = await StoredAsync(single.Id);
        Assert.Equal((one.Title, one.OwnerId, one.DepartmentId, one.PartnerId, one.Version, one.Before, one.Kind),
            (bulk.Title, bulk.OwnerId, bulk.DepartmentId, bulk.PartnerId, bulk.Version, bulk.Before, bulk.Kind));
        Assert.Equal(one.ChangedFields, bulk.ChangedFields);
        Assert.Equal(Normalised(one.Data), Normalised(bulk.Data));
        Assert.Equal(Normalised(one.Changes), Normalised(bulk.Changes));
        Assert.Equal(Normalised(one.After), Normalised(bulk.After));
        Assert.Equal(Normalised(bulk.Data), Normalised(bulk.After).Replace("HW-single", "HW-1"));
        Assert.Null(bulk.Before);
        Assert.Equal("created", bulk.Kind);
        Assert.Contains("+8613800138000", bulk.Data);

        // The history API reads both the same way, value by value.
        var bulkHistory = Assert.Single((await Store.HistoryAsync(_director, app, "customers", await BulkIdAsync(app, "customers", "code", "HW-1"), default))!);
        var singleHistory = Assert.Single((await Store.HistoryAsync(_director, app, "customers", single.Id, default))!);
        Assert.Equal(singleHistory.Changes.Select(c => (c.Field, c.Before?.ToJsonString(), c.After?.ToJsonString().Replace("HW-single", "HW-1"))),
            bulkHistory.Changes.Select(c => (c.Field, c.Before?.ToJsonString(), c.After?.ToJsonString())));
    }

    /// <summary>Single's "code" differs on purpose (unique); align it so the rest compares byte for byte.</summary>
    private static string Normalised(string json) => JsonNode.Parse(json)!.ToJsonString().Replace("HW-single", "HW-1");

    [Fact]
    public async Task Bulk_rows_get_the_rules_formulas_relations_and_auto_numbers_of_a_single_create()
    {
        const string app = "bulk_rules";
        await TestForms.PublishAsync(db.Services, TestForms.Customers.Replace("\"app\": \"crm\"", $"\"app\": \"{app}\""));
        await TestForms.PublishAsync(db.Services, TestForms.Quotes.Replace("\"app\": \"crm\"", $"\"app\": \"{app}\""));
        var customer = Assert.IsType<RecordWriteResult.Saved>(await Store.CreateAsync(_director, app, "customers",
            TestForms.Obj("""{"name": "Acme", "code": "AC-1"}"""), default)).Record.Id;
        string Quote(string extra) => $$"""{"customer": "{{customer}}", "discount": 10, "lines": [{"product": "A", "qty": 2, "price": 12.5}, {"product": "B", "qty": 1, "price": 5}]{{extra}}}""";

        var result = await Loader.LoadAsync(_director, app, "quotes", [
            new BulkRow(TestForms.Obj(Quote(""", "stage": "draft" """))),
            new BulkRow(TestForms.Obj(Quote(""", "valid_from": "2025-02-01", "valid_to": "2025-01-01" """))),
            new BulkRow(TestForms.Obj(Quote(""", "stage": "won" """))),
            new BulkRow(TestForms.Obj($$"""{"customer": "{{Guid.NewGuid()}}", "lines": [{"product": "C", "qty": 1, "price": 1}]}""")),
            new BulkRow(TestForms.Obj(Quote(""", "stage": "won", "won_reason": "Price" """))),
            new BulkRow(TestForms.Obj("""{"lines": [{"qty": 0}], "bogus": 1}""")),
        ], new BulkLoadOptions(), default);

        Assert.Equal((6, 2, 4, false), (result.Total, result.Inserted, result.Failed, result.RolledBack));
        Assert.Contains(result.Errors, e => e is { Row: 1, Field: "valid_to", Code: "rule" } && e.Zh == "失效日期不能早于生效日期。");
        Assert.Contains(result.Errors, e => e is { Row: 2, Field: "won_reason", Code: "required" });
        Assert.Contains(result.Errors, e => e.Row == 3 && e.Field == "customer");
        Assert.Contains(result.Errors, e => e is { Row: 5, Field: "bogus" });
        Assert.Contains(result.Errors, e => e is { Row: 5, Field: "customer", Code: "required" });
        Assert.DoesNotContain(result.Errors, e => e.Row is 0 or 4);

        var single = Assert.IsType<RecordWriteResult.Saved>(await Store.CreateAsync(_director, app, "quotes",
            TestForms.Obj(Quote(""", "stage": "draft" """)), default)).Record;
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        var loaded = (await conn.QueryAsync<string>(
            "SELECT data::text FROM forms.records WHERE app_key = @app AND form_key = 'quotes' AND id <> @id ORDER BY data->>'number'",
            new { app, id = single.Id })).Select(d => JsonNode.Parse(d)!.AsObject()).ToList();
        Assert.Equal(2, loaded.Count);
        Assert.Equal(27m, loaded[0]["total"]!.GetValue<decimal>()); // (2 × 12.5 + 5) × 0.9, as the formula says
        Assert.Equal(25m, loaded[0]["lines"]![0]!["amount"]!.GetValue<decimal>());
        // Auto-numbers continue gap-free across bulk and single creates.
        var numbers = loaded.Select(d => d["number"]!.GetValue<string>()).Append(single.Data["number"]!.GetValue<string>()).ToList();
        Assert.Equal(numbers.Select(n => n[^4..]), ["0001", "0002", "0003"]);
        loaded[0].Remove("number");
        var singleData = single.Data.DeepClone().AsObject();
        singleData.Remove("number");
        Assert.True(JsonNode.DeepEquals(singleData, loaded[0]), $"{singleData.ToJsonString()} vs {loaded[0].ToJsonString()}");
    }
}
