using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Queries;
using Platform.Forms.Records;
using Platform.Forms.Tests.Support;

namespace Platform.Forms.Tests.Queries;

/// <summary>Group counts over the whole filtered result, checked against the list query itself on PostgreSQL.</summary>
public class RecordGroupCountTests(FormsFixture db) : IClassFixture<FormsFixture>, IAsyncLifetime
{
    private const string Form = "grouped";
    private static readonly UserContext Seller = TestForms.User("seller", null, null, "sales");
    private static readonly Guid PartnerId = Guid.NewGuid();
    private static readonly UserContext PartnerUser = TestForms.User("partner", null, PartnerId, "partner_sales");
    private IRecordGroupCounts Groups => db.Services.GetRequiredService<IRecordGroupCounts>();
    private IRecordQueries Queries => db.Services.GetRequiredService<IRecordQueries>();

    public async Task InitializeAsync()
    {
        await TestForms.PublishAsync(db.Services, TestForms.Customers.Replace("\"key\": \"customers\"", $"\"key\": \"{Form}\""));
        if ((await Queries.ListAsync(UserContext.System, TestForms.App, Form, new RecordQuery { PageSize = 1 }, default)).Items.Count > 0) return;
        var store = db.Services.GetRequiredService<IRecordStore>();
        // 37 records: industry it ×20, mfg ×12, none ×5; the seller creates every third one; notes "" and missing are both empty.
        for (var i = 0; i < 37; i++)
        {
            var data = new JsonObject { ["name"] = $"G{i:00}", ["revenue"] = i * 10, ["notes"] = i % 4 == 0 ? "" : i % 4 == 1 ? null : $"n{i % 2}" };
            if (i < 20) data["industry"] = "it";
            else if (i < 32) data["industry"] = "mfg";
            if (i % 5 == 0) data["partner"] = PartnerId.ToString();
            var creator = i % 3 == 0 ? Seller : UserContext.System;
            Assert.IsType<RecordWriteResult.Saved>(await store.CreateAsync(creator, TestForms.App, Form, data, default));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Counts_cover_the_whole_result_largest_first_with_empty_values_in_one_null_group()
    {
        var result = await Groups.CountAsync(UserContext.System, TestForms.App, Form, "industry", new RecordQuery { PageSize = 5 }, 50, default);
        Assert.False(result.Truncated);
        Assert.Equal([("it", 20L), ("mfg", 12L), (null, 5L)], result.Groups.Select(g => (g.Key, g.Count)));

        var notes = await Groups.CountAsync(UserContext.System, TestForms.App, Form, "notes", new RecordQuery(), 50, default);
        Assert.Equal(19, notes.Groups.Single(g => g.Key is null).Count); // "" (i%4==0: 10) and missing (i%4==1: 9)
        Assert.Equal(37, notes.Groups.Sum(g => g.Count));
    }

    [Fact]
    public async Task Each_group_count_equals_the_list_total_with_the_group_value_added_to_the_same_filter_and_keyword()
    {
        var query = new RecordQuery { Filter = FilterNode.Where("revenue", FilterOperator.Gte, JsonValue.Create(55)), Keyword = "G", PageSize = 3 };
        var result = await Groups.CountAsync(UserContext.System, TestForms.App, Form, "industry", query, 50, default);
        Assert.Equal(31, result.Groups.Sum(g => g.Count));
        foreach (var group in result.Groups)
        {
            var byValue = group.Key is null ? FilterNode.Where("industry", FilterOperator.IsEmpty) : FilterNode.Where("industry", FilterOperator.Eq, JsonValue.Create(group.Key));
            var page = await Queries.ListAsync(UserContext.System, TestForms.App, Form, query with { Filter = FilterNode.All(query.Filter!, byValue), IncludeTotal = true }, default);
            Assert.Equal(group.Count, page.Total);
        }
    }

    [Fact]
    public async Task The_callers_read_scope_applies_as_in_lists()
    {
        var mine = await Groups.CountAsync(Seller, TestForms.App, Form, "industry", new RecordQuery(), 50, default);
        var listed = await Queries.ListAsync(Seller, TestForms.App, Form, new RecordQuery { IncludeTotal = true }, default);
        Assert.Equal(13, listed.Total);
        Assert.Equal(listed.Total, mine.Groups.Sum(g => g.Count));
        Assert.Equal([("it", 7L), ("mfg", 4L), (null, 2L)], mine.Groups.Select(g => (g.Key, g.Count)));

        var partner = await Groups.CountAsync(PartnerUser, TestForms.App, Form, "_partner", new RecordQuery(), 50, default);
        Assert.Equal(8, partner.Groups.Sum(g => g.Count));

        var stranger = TestForms.User("stranger");
        Assert.Empty((await Groups.CountAsync(stranger, TestForms.App, Form, "industry", new RecordQuery(), 50, default)).Groups);
    }

    [Fact]
    public async Task Unknown_hidden_and_multi_valued_fields_are_refused_before_any_sql()
    {
        var unknown = await Assert.ThrowsAsync<QueryException>(() => Groups.CountAsync(UserContext.System, TestForms.App, Form, "industry; DROP TABLE x", new RecordQuery(), 50, default));
        Assert.Contains("不是表单", unknown.MessageZh);
        await Assert.ThrowsAsync<QueryException>(() => Groups.CountAsync(PartnerUser, TestForms.App, Form, "secret", new RecordQuery(), 50, default));
        var multi = await Assert.ThrowsAsync<QueryException>(() => Groups.CountAsync(UserContext.System, TestForms.App, Form, "tags", new RecordQuery(), 50, default));
        Assert.Equal("tags", multi.Field);
    }

    [Fact]
    public async Task A_limit_returns_the_largest_groups_and_says_more_exist()
    {
        var result = await Groups.CountAsync(UserContext.System, TestForms.App, Form, "industry", new RecordQuery(), 2, default);
        Assert.True(result.Truncated);
        Assert.Equal(["it", "mfg"], result.Groups.Select(g => g.Key));
    }
}
