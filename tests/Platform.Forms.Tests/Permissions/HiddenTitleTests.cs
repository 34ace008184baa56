using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Queries;
using Platform.Forms.Records;
using Platform.Forms.Tests.Support;

namespace Platform.Forms.Tests.Permissions;

/// <summary>The title is a copy of the title field, so a user who may not see that field never sees it on any read path.</summary>
public class HiddenTitleTests(FormsFixture db) : IClassFixture<FormsFixture>
{
    private const string App = "hidden_title";
    private static readonly Guid Partner = Guid.NewGuid();
    private readonly UserContext _blind = TestForms.User("blind", null, Partner, "partner_sales");
    private IRecordStore Store => db.Services.GetRequiredService<IRecordStore>();
    private IRecordQueries Queries => db.Services.GetRequiredService<IRecordQueries>();

    private async Task<(Guid Customer, Guid Quote)> SeedAsync()
    {
        // partner_sales may not see the customer's name, which is its title field.
        await TestForms.PublishAsync(db.Services, TestForms.Customers.Replace("\"app\": \"crm\"", $"\"app\": \"{App}\"")
            .Replace("\"fields\": {\"secret\": \"hidden\"", "\"fields\": {\"name\": \"hidden\", \"secret\": \"hidden\""));
        await TestForms.PublishAsync(db.Services, TestForms.Quotes.Replace("\"app\": \"crm\"", $"\"app\": \"{App}\""));
        var customer = Assert.IsType<RecordWriteResult.Saved>(await Store.CreateAsync(UserContext.System, App, "customers",
            TestForms.Obj($$"""{"name": "Zeppelin Holdings", "code": "ZH-1", "partner": "{{Partner}}"}"""), default)).Record.Id;
        var quote = Assert.IsType<RecordWriteResult.Saved>(await Store.CreateAsync(_blind, App, "quotes",
            TestForms.Obj($$"""{"customer": "{{customer}}"}"""), default)).Record.Id;
        return (customer, quote);
    }

    [Fact]
    public async Task A_hidden_title_field_blanks_the_title_in_lists_reads_relations_and_search()
    {
        var (customer, quote) = await SeedAsync();

        // The record and its other visible fields are there; its title and name are not.
        var list = await Queries.ListAsync(_blind, App, "customers", new RecordQuery(), default);
        var row = Assert.Single(list.Items, r => r.Id == customer);
        Assert.Null(row.Title);
        Assert.False(row.Data.ContainsKey("name"));
        Assert.Equal("ZH-1", row.Data["code"]!.GetValue<string>());
        var read = await Store.GetAsync(_blind, App, "customers", customer, default);
        Assert.NotNull(read);
        Assert.Null(read.Title);

        // Relation titles: the quote's list and the picker both withhold the customer's title.
        var quotes = await Queries.ListAsync(_blind, App, "quotes", new RecordQuery(), default);
        Assert.Contains(quotes.Items, q => q.Id == quote);
        Assert.DoesNotContain(quotes.RelatedTitles, t => t.Value is not null && t.Value.Contains("Zeppelin"));
        var picked = await Queries.LookupAsync(_blind, App, "customers", null, [customer], 10, default);
        Assert.Null(Assert.Single(picked).Title);
        Assert.Empty(await Queries.LookupAsync(_blind, App, "customers", "Zepp", null, 10, default));

        // Search, filter and sort cannot probe the title letter by letter.
        Assert.Empty((await Queries.ListAsync(_blind, App, "customers", new RecordQuery { Keyword = "Zeppelin" }, default)).Items);
        await Assert.ThrowsAsync<QueryException>(() => Queries.ListAsync(_blind, App, "customers", new RecordQuery
        {
            Filter = FilterNode.Where("_title", FilterOperator.StartsWith, System.Text.Json.Nodes.JsonValue.Create("Zep")),
        }, default));
        await Assert.ThrowsAsync<QueryException>(() => Queries.ListAsync(_blind, App, "customers", new RecordQuery
        {
            Sort = [new SortSpec("_title")],
        }, default));

        // A user who sees the name still gets the title everywhere.
        var seen = await Queries.ListAsync(UserContext.System, App, "customers", new RecordQuery { Keyword = "Zeppelin" }, default);
        Assert.Equal("Zeppelin Holdings", Assert.Single(seen.Items).Title);
        Assert.Equal("Zeppelin Holdings", (await Store.GetAsync(UserContext.System, App, "customers", customer, default))!.Title);
        var internalQuotes = await Queries.ListAsync(UserContext.System, App, "quotes", new RecordQuery(), default);
        Assert.Equal("Zeppelin Holdings", internalQuotes.RelatedTitles[customer]);
    }
}
