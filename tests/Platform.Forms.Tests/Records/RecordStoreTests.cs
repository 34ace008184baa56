using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Core.Organization;
using Platform.Forms.Records;
using Platform.Forms.Tests.Support;

namespace Platform.Forms.Tests.Records;

public class RecordStoreTests(FormsFixture db) : IClassFixture<FormsFixture>, IAsyncLifetime
{
    private IRecordStore Store => db.Services.GetRequiredService<IRecordStore>();
    private readonly UserContext _sales = TestForms.User("sales", roles: "sales");

    public async Task InitializeAsync()
    {
        await TestForms.PublishAsync(db.Services, TestForms.Customers);
        await TestForms.PublishAsync(db.Services, TestForms.Quotes);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<FormRecord> CreateCustomerAsync(UserContext user, string json)
    {
        var result = await Store.CreateAsync(user, TestForms.App, "customers", TestForms.Obj(json), default);
        return Assert.IsType<RecordWriteResult.Saved>(result).Record;
    }

    [Fact]
    public async Task Create_normalises_values_and_writes_history_and_an_outbox_event_in_one_go()
    {
        var record = await CreateCustomerAsync(_sales, """
            {"name": "  Acme  ", "industry": "信息技术", "tags": "new, vip", "revenue": "1,234.567", "phone": "138 0013 8000",
             "email": "Bob@Example.COM", "address": "广东省深圳市南山区科技园一路", "since": "2024/3/5"}
            """);
        Assert.Equal("Acme", record.Data["name"]!.GetValue<string>());
        Assert.Equal("it", record.Data["industry"]!.GetValue<string>());
        Assert.Equal("""["vip","new"]""", record.Data["tags"]!.ToJsonString());
        Assert.Equal(1234.57m, record.Data["revenue"]!.GetValue<decimal>());
        Assert.Equal("+8613800138000", record.Data["phone"]!["e164"]!.GetValue<string>());
        Assert.Equal("138 0013 8000", record.Data["phone"]!["raw"]!.GetValue<string>());
        Assert.Equal("Bob@example.com", record.Data["email"]!.GetValue<string>());
        Assert.Equal("440000", record.Data["address"]!["province"]!.GetValue<string>());
        Assert.Equal("440300", record.Data["address"]!["city"]!.GetValue<string>());
        Assert.Equal("440305", record.Data["address"]!["district"]!.GetValue<string>());
        Assert.Equal("科技园一路", record.Data["address"]!["detail"]!.GetValue<string>());
        Assert.Equal("2024-03-05", record.Data["since"]!.GetValue<string>());
        Assert.Equal("Acme", record.Title);
        Assert.Equal(_sales.UserId, record.OwnerId);
        Assert.Equal(1, record.Version);

        await using var conn = new NpgsqlConnection(db.ConnectionString);
        var ev = await conn.QuerySingleAsync<(string Kind, string[] Changed, string? Before)>(
            "SELECT kind, changed_fields, before::text FROM forms.record_events WHERE record_id = @id", new { id = record.Id });
        Assert.Equal("created", ev.Kind);
        Assert.Contains("name", ev.Changed);
        Assert.Null(ev.Before);
        var history = await Store.HistoryAsync(_sales, TestForms.App, "customers", record.Id, default);
        Assert.Single(history!);
        Assert.Contains(history![0].Changes, c => c.Field == "industry" && c.After!.GetValue<string>() == "it");
    }

    [Fact]
    public async Task Invalid_values_are_reported_per_field_in_both_languages_and_nothing_is_written()
    {
        var result = await Store.CreateAsync(_sales, TestForms.App, "customers",
            TestForms.Obj("""{"industry": "banking", "revenue": -5, "email": "nope", "bogus": 1}"""), default);
        var errors = Assert.IsType<RecordWriteResult.Invalid>(result).Errors;
        Assert.Contains(errors, e => e.Field == "name" && e.Code == "required" && e.Zh.Contains("必填"));
        Assert.Contains(errors, e => e.Field == "industry" && e.Code == "option");
        Assert.Contains(errors, e => e.Field == "revenue" && e.Code == "min");
        Assert.Contains(errors, e => e.Field == "email" && e.Code == "email");
        Assert.Contains(errors, e => e.Field == "bogus" && e.Code == "unknownField");
    }

    [Fact]
    public async Task Stale_version_update_is_refused_with_the_current_version()
    {
        var record = await CreateCustomerAsync(_sales, """{"name": "Stale Ltd"}""");
        var first = await Store.UpdateAsync(_sales, TestForms.App, "customers", record.Id, TestForms.Obj("""{"notes": "first"}"""), 1, partial: true, default);
        Assert.Equal(2, Assert.IsType<RecordWriteResult.Saved>(first).Record.Version);
        var second = await Store.UpdateAsync(_sales, TestForms.App, "customers", record.Id, TestForms.Obj("""{"notes": "second"}"""), 1, partial: true, default);
        Assert.Equal(2, Assert.IsType<RecordWriteResult.Conflict>(second).CurrentVersion);
        var current = await Store.GetAsync(_sales, TestForms.App, "customers", record.Id, default);
        Assert.Equal("first", current!.Data["notes"]!.GetValue<string>());
    }

    [Fact]
    public async Task Whole_update_clears_absent_fields_and_partial_update_keeps_them()
    {
        var record = await CreateCustomerAsync(_sales, """{"name": "Whole", "notes": "keep?", "revenue": 10}""");
        var partial = await Store.UpdateAsync(_sales, TestForms.App, "customers", record.Id, TestForms.Obj("""{"revenue": 20}"""), 1, partial: true, default);
        var afterPartial = Assert.IsType<RecordWriteResult.Saved>(partial).Record;
        Assert.Equal("keep?", afterPartial.Data["notes"]!.GetValue<string>());
        var whole = await Store.UpdateAsync(_sales, TestForms.App, "customers", record.Id, TestForms.Obj("""{"name": "Whole"}"""), 2, partial: false, default);
        var afterWhole = Assert.IsType<RecordWriteResult.Saved>(whole).Record;
        Assert.Null(afterWhole.Data["notes"]);
        Assert.Null(afterWhole.Data["revenue"]);
        var history = await Store.HistoryAsync(_sales, TestForms.App, "customers", record.Id, default);
        var last = history![^1];
        Assert.Equal(3, last.Version);
        Assert.Contains(last.Changes, c => c.Field == "notes" && c.Before!.GetValue<string>() == "keep?" && c.After is null);
    }

    [Fact]
    public async Task Unique_field_is_enforced_by_the_database_and_reported_on_the_field()
    {
        await CreateCustomerAsync(_sales, """{"name": "One", "code": "C-001"}""");
        var duplicate = await Store.CreateAsync(_sales, TestForms.App, "customers", TestForms.Obj("""{"name": "Two", "code": "C-001"}"""), default);
        var error = Assert.Single(Assert.IsType<RecordWriteResult.Invalid>(duplicate).Errors);
        Assert.Equal(("code", "unique"), (error.Field, error.Code));
        // Concurrent creates with the same value: exactly one wins.
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Store.CreateAsync(_sales, TestForms.App, "customers", TestForms.Obj("""{"name": "Race", "code": "RACE"}"""), default)));
        Assert.Single(results.OfType<RecordWriteResult.Saved>());
    }

    [Fact]
    public async Task Soft_delete_hides_the_record_and_restore_brings_it_back_with_events()
    {
        var record = await CreateCustomerAsync(_sales, """{"name": "Gone soon"}""");
        var director = TestForms.User("boss", roles: "director") with { IsAdministrator = true };
        Assert.IsType<RecordWriteResult.Saved>(await Store.DeleteAsync(director, TestForms.App, "customers", record.Id, 1, default));
        Assert.Null(await Store.GetAsync(_sales, TestForms.App, "customers", record.Id, default));
        Assert.IsType<RecordWriteResult.Saved>(await Store.RestoreAsync(director, TestForms.App, "customers", record.Id, default));
        Assert.NotNull(await Store.GetAsync(_sales, TestForms.App, "customers", record.Id, default));
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        var kinds = await conn.QueryAsync<string>("SELECT kind FROM forms.record_events WHERE record_id = @id ORDER BY id", new { id = record.Id });
        Assert.Equal(["created", "deleted", "restored"], kinds);
    }

    [Fact]
    public async Task Sales_without_delete_right_cannot_delete()
    {
        var record = await CreateCustomerAsync(_sales, """{"name": "Mine"}""");
        Assert.IsType<RecordWriteResult.Forbidden>(await Store.DeleteAsync(_sales, TestForms.App, "customers", record.Id, 1, default));
    }

    [Fact]
    public async Task Quote_formulas_sum_subtable_lines_and_autonumbers_follow_the_pattern()
    {
        var customer = await CreateCustomerAsync(UserContext.System, """{"name": "Quote customer"}""");
        var result = await Store.CreateAsync(UserContext.System, TestForms.App, "quotes", TestForms.Obj($$"""
            {"customer": "{{customer.Id}}", "discount": 10,
             "lines": [{"product": "A", "qty": 2, "price": 100}, {"product": "B", "qty": 1, "price": 50.5}]}
            """), default);
        var quote = Assert.IsType<RecordWriteResult.Saved>(result).Record;
        Assert.Equal(200m, quote.Data["lines"]![0]!["amount"]!.GetValue<decimal>());
        Assert.Equal(225.45m, quote.Data["total"]!.GetValue<decimal>());
        Assert.Matches(@"^QT-202603-\d{4}$", quote.Data["number"]!.GetValue<string>());
        Assert.Equal(quote.Data["number"]!.GetValue<string>(), quote.Title);
    }

    [Fact]
    public async Task Autonumbers_are_gap_free_under_concurrent_creates()
    {
        var customer = await CreateCustomerAsync(UserContext.System, """{"name": "Busy customer"}""");
        var before = await CountQuotesAsync();
        var creates = Enumerable.Range(0, 20).Select(i => Store.CreateAsync(UserContext.System, TestForms.App, "quotes",
            TestForms.Obj(i % 5 == 0 ? """{"customer": "00000000-0000-0000-0000-000000000001"}""" : $$"""{"customer": "{{customer.Id}}"}"""), default));
        var results = await Task.WhenAll(creates);
        var numbers = results.OfType<RecordWriteResult.Saved>().Select(r => r.Record.Data["number"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(16, numbers.Count);
        var expected = Enumerable.Range(before + 1, 16).Select(n => $"QT-202603-{n:0000}").ToList();
        Assert.Equal(expected, numbers);
    }

    private async Task<int> CountQuotesAsync()
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        return await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM forms.records WHERE form_key = 'quotes'");
    }

    [Fact]
    public async Task Cross_field_rules_and_conditional_requirements_are_enforced()
    {
        var customer = await CreateCustomerAsync(UserContext.System, """{"name": "Rule customer"}""");
        var result = await Store.CreateAsync(UserContext.System, TestForms.App, "quotes", TestForms.Obj($$"""
            {"customer": "{{customer.Id}}", "valid_from": "2026-05-01", "valid_to": "2026-04-01", "stage": "won"}
            """), default);
        var errors = Assert.IsType<RecordWriteResult.Invalid>(result).Errors;
        Assert.Contains(errors, e => e.Field == "valid_to" && e.Zh == "失效日期不能早于生效日期。");
        Assert.Contains(errors, e => e.Field == "won_reason" && e.Code == "required");
    }

    [Fact]
    public async Task Rules_over_fields_left_blank_do_not_block_the_save()
    {
        var customer = await CreateCustomerAsync(UserContext.System, """{"name": "Blank rule customer"}""");
        var result = await Store.CreateAsync(UserContext.System, TestForms.App, "quotes", TestForms.Obj($$"""
            {"customer": "{{customer.Id}}"}
            """), default);
        var saved = Assert.IsType<RecordWriteResult.Saved>(result).Record;
        Assert.Null(saved.Data["won_reason"]);
    }

    [Fact]
    public async Task Assigning_a_record_moves_it_into_the_new_owners_scope_and_is_recorded()
    {
        var record = await CreateCustomerAsync(_sales, """{"name": "Pool lead"}""");
        var colleague = TestForms.User("colleague", roles: "sales");
        Assert.Null(await Store.GetAsync(colleague, TestForms.App, "customers", record.Id, default));
        var assigned = await Store.AssignAsync(_sales, TestForms.App, "customers", record.Id, colleague.UserId, null, 1, default);
        Assert.Equal(colleague.UserId, Assert.IsType<RecordWriteResult.Saved>(assigned).Record.OwnerId);
        Assert.NotNull(await Store.GetAsync(colleague, TestForms.App, "customers", record.Id, default));
        Assert.Null(await Store.GetAsync(_sales, TestForms.App, "customers", record.Id, default));
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        var changed = await conn.QuerySingleAsync<string[]>(
            "SELECT changed_fields FROM forms.record_events WHERE record_id = @id AND kind = 'updated'", new { id = record.Id });
        Assert.Equal(["_owner"], changed);
    }
}
