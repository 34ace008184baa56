using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Queries;
using Platform.Forms.Records;
using Platform.Forms.Tests.Support;

namespace Platform.Forms.Tests.Queries;

public class RelatedTitleTests(FormsFixture db) : IClassFixture<FormsFixture>, IAsyncLifetime
{
    // xUnit builds the class per test, so each test gets its own app and records.
    private readonly string _app = $"rel_{Guid.NewGuid():N}"[..16];
    private IRecordStore Store => db.Services.GetRequiredService<IRecordStore>();
    private IRecordQueries Queries => db.Services.GetRequiredService<IRecordQueries>();
    private readonly UserContext _salesA = TestForms.User("sales-a", roles: "sales");
    private readonly UserContext _salesB = TestForms.User("sales-b", roles: "sales");
    private readonly UserContext _auditor = TestForms.User("auditor", roles: "auditor");
    private Guid _acme, _globex;

    public async Task InitializeAsync()
    {
        // Customers gain an auditor who reads everything but may not see the name, which is the title field.
        var customers = TestForms.Customers.Replace("\"app\": \"crm\"", $"\"app\": \"{_app}\"").Replace("""
            "permissions": [
            """, """
            "permissions": [
                {"role": "auditor", "actions": ["read"], "scope": "all", "fields": {"name": "hidden"}},
            """);
        await TestForms.PublishAsync(db.Services, customers);
        await TestForms.PublishAsync(db.Services, TestForms.Quotes.Replace("\"app\": \"crm\"", $"\"app\": \"{_app}\""));
        _acme = await CreateAsync(_salesA, "customers", """{"name": "Acme 科技"}""");
        _globex = await CreateAsync(_salesB, "customers", """{"name": "Globex"}""");
        await CreateAsync(UserContext.System, "quotes", $$"""{"customer": "{{_acme}}", "lines": [{"product": "A", "qty": 1, "price": 10}]}""");
        await CreateAsync(UserContext.System, "quotes", $$"""{"customer": "{{_globex}}", "lines": [{"product": "B", "qty": 2, "price": 10}]}""");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Guid> CreateAsync(UserContext user, string form, string json) =>
        Assert.IsType<RecordWriteResult.Saved>(await Store.CreateAsync(user, _app, form, TestForms.Obj(json), default)).Record.Id;

    private Task<RecordPage> QuotesAsync(UserContext user) => Queries.ListAsync(user, _app, "quotes", new RecordQuery { PageSize = 50 }, default);

    [Fact]
    public async Task A_list_page_carries_the_titles_of_related_records_the_viewer_may_read()
    {
        var page = await QuotesAsync(UserContext.System);
        Assert.Equal(2, page.Items.Count);
        Assert.Equal(new Dictionary<Guid, string?> { [_acme] = "Acme 科技", [_globex] = "Globex" }, page.RelatedTitles);
    }

    [Fact]
    public async Task A_related_record_outside_the_viewers_scope_gives_no_title()
    {
        // Both quotes are visible to sales (quotes have no grants), but each salesperson reads only their own customer.
        var pageA = await QuotesAsync(_salesA);
        Assert.Equal(2, pageA.Items.Count);
        Assert.Equal(new Dictionary<Guid, string?> { [_acme] = "Acme 科技" }, pageA.RelatedTitles);
        var pageB = await QuotesAsync(_salesB);
        Assert.Equal(new Dictionary<Guid, string?> { [_globex] = "Globex" }, pageB.RelatedTitles);
    }

    [Fact]
    public async Task A_title_field_hidden_from_the_viewer_is_not_revealed_through_relations_or_lookups()
    {
        var page = await QuotesAsync(_auditor);
        Assert.Equal(2, page.Items.Count);
        Assert.Empty(page.RelatedTitles);

        var byId = await Queries.LookupAsync(_auditor, _app, "customers", null, [_acme], 10, default);
        Assert.Equal(_acme, Assert.Single(byId).Id);
        Assert.Null(byId[0].Title);
        Assert.Empty(await Queries.LookupAsync(_auditor, _app, "customers", "Acme", null, 10, default));
        Assert.Equal("Acme 科技", Assert.Single(await Queries.LookupAsync(_salesA, _app, "customers", "Acme", null, 10, default)).Title);
    }
}
