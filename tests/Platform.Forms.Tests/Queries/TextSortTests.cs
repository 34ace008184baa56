using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Queries;
using Platform.Forms.Records;
using Platform.Forms.Tests.Support;

namespace Platform.Forms.Tests.Queries;

/// <summary>Text sorts by code point (the cluster's C.UTF-8 collation) with the record id breaking ties, so pages never repeat or skip a row.</summary>
public class TextSortTests(FormsFixture db) : IClassFixture<FormsFixture>
{
    [Fact]
    public async Task Text_sort_is_code_point_order_with_ties_broken_by_id_on_keyset_and_offset_pages_alike()
    {
        const string app = "sorting";
        await TestForms.PublishAsync(db.Services, TestForms.Customers.Replace("\"app\": \"crm\"", $"\"app\": \"{app}\""));
        var store = db.Services.GetRequiredService<IRecordStore>();
        var queries = db.Services.GetRequiredService<IRecordQueries>();
        string[] names = ["北京", "Zebra", "apple", "Apple", "上海", "Zebra", "apple", "北京", "Zebra", "10", "9"];
        var created = new List<(Guid Id, string Name)>();
        foreach (var name in names)
        {
            var saved = Assert.IsType<RecordWriteResult.Saved>(await store.CreateAsync(UserContext.System, app, "customers", TestForms.Obj($$"""{"name": "{{name}}"}"""), default));
            created.Add((saved.Record.Id, name));
        }
        var expected = created.OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id.ToString(), StringComparer.Ordinal).Select(c => c.Id).ToList();

        // Keyset: three rows a page, so equal names straddle page boundaries.
        var keyset = new List<Guid>();
        string? after = null;
        do
        {
            var page = await queries.ListAsync(UserContext.System, app, "customers", new RecordQuery { Sort = [new SortSpec("name")], PageSize = 3, After = after }, default);
            keyset.AddRange(page.Items.Select(i => i.Id));
            after = page.NextCursor;
        } while (after is not null);
        Assert.Equal(expected, keyset);

        // Offset pages (a direct jump to page N) give the same order.
        var offset = new List<Guid>();
        for (var n = 1; n <= 4; n++)
            offset.AddRange((await queries.ListAsync(UserContext.System, app, "customers", new RecordQuery { Sort = [new SortSpec("name")], PageSize = 3, Page = n }, default)).Items.Select(i => i.Id));
        Assert.Equal(expected, offset);

        var descending = await queries.ListAsync(UserContext.System, app, "customers", new RecordQuery { Sort = [new SortSpec("name", Descending: true)], PageSize = 50 }, default);
        Assert.Equal(Enumerable.Reverse(expected), descending.Items.Select(i => i.Id));
    }
}
