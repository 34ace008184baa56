using System.Text.Json.Nodes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Queries;
using Platform.Forms.Records;
using Platform.Studio.Components.Runtime;
using Platform.Studio.Localization;
using Platform.Studio.Runtime;
using Platform.Studio.Tests.Components;

namespace Platform.Studio.Tests.Workbench;

/// <summary>The grouped list on real PostgreSQL: headers count the whole filtered result, each group pages on its own.</summary>
public sealed class RecordGroupListTests : StudioComponentContext, IClassFixture<WorkbenchDatabaseFixture>
{
    private const string App = "grouping";
    private const string Form = "deal";
    private readonly WorkbenchDatabaseFixture _db;

    public RecordGroupListTests(WorkbenchDatabaseFixture db)
    {
        _db = db;
        Services.AddSingleton<IStudioTextSource, RuntimeTexts>();
        Services.AddSingleton<IStudioTextSource, Platform.Studio.Runtime.Lists.ListTexts>();
        Services.AddSingleton(db.Get<IRecordGroupCounts>());
        Services.AddSingleton(db.Get<IRecordQueries>());
        Services.AddSingleton(new OrgNames(db.Get<Npgsql.NpgsqlDataSource>()));
        Services.AddSingleton(db.Get<Platform.Forms.Fields.RegionTable>());
    }

    private async Task<FormContext> SeedAsync()
    {
        if (await _db.Get<Platform.Forms.Definitions.IFormDefinitions>().GetPublishedAsync(App, Form, CancellationToken.None) is null)
        {
            await _db.PublishFormAsync(App, Form);
            var store = _db.Get<IRecordStore>();
            // 23 "new" (more than two pages of 10), 7 "won", 3 without a stage.
            for (var i = 0; i < 33; i++)
            {
                var data = new JsonObject { ["name"] = $"商机{i:00}" };
                if (i < 23) data["stage"] = "new";
                else if (i < 30) data["stage"] = "won";
                Assert.IsType<RecordWriteResult.Saved>(await store.CreateAsync(UserContext.System, App, Form, data, CancellationToken.None));
            }
        }
        return await _db.ContextAsync(UserContext.System, App, Form);
    }

    [Fact]
    public async Task Headers_count_the_whole_result_and_an_opened_group_pages_through_its_own_records()
    {
        var context = await SeedAsync();
        var list = Render<RecordGroupList>(p => p
            .Add(x => x.Context, context)
            .Add(x => x.Field, context.Form.Field("stage")!)
            .Add(x => x.Columns, [context.Form.Field("name")!]));

        list.WaitForAssertion(() => Assert.Equal(3, list.FindAll(".list-group").Count), TimeSpan.FromSeconds(30));
        Assert.Equal(["新建", "赢单", "（空）"], list.FindAll(".list-group-label").Select(e => e.TextContent.Trim()));
        Assert.Equal(["23", "7", "3"], list.FindAll(".list-group-count").Select(e => e.TextContent.Trim()));
        Assert.Empty(list.FindAll(".list-row"));

        list.FindAll(".list-group")[0].Click();
        list.WaitForAssertion(() => Assert.Equal(10, list.FindAll(".list-row").Count), TimeSpan.FromSeconds(30));
        Assert.Contains("共 23 条", list.Find(".list-group-records .mud-table-pagination").TextContent);
        var firstPage = list.FindAll(".list-row .cell-name").Select(e => e.TextContent.Trim()).ToList();

        // The third page of the group holds its last three records; no page repeats a record of another.
        NextPage(list);
        list.WaitForAssertion(() => Assert.DoesNotContain(list.FindAll(".list-row .cell-name")[0].TextContent.Trim(), firstPage), TimeSpan.FromSeconds(30));
        NextPage(list);
        list.WaitForAssertion(() => Assert.Equal(3, list.FindAll(".list-row").Count), TimeSpan.FromSeconds(30));

        list.FindAll(".list-group")[2].Click();
        list.WaitForAssertion(() => Assert.Equal(6, list.FindAll(".list-row").Count), TimeSpan.FromSeconds(30));
    }

    /// <summary>The pager's actions are first, previous, next, last (or only previous and next).</summary>
    private static void NextPage(IRenderedComponent<RecordGroupList> list)
    {
        var buttons = list.FindAll(".list-group-records .mud-table-pagination-actions button");
        buttons[buttons.Count == 4 ? 2 : buttons.Count - 1].Click();
    }

    [Fact]
    public async Task A_filter_and_keyword_change_the_counts_of_every_group()
    {
        var context = await SeedAsync();
        var list = Render<RecordGroupList>(p => p
            .Add(x => x.Context, context)
            .Add(x => x.Field, context.Form.Field("stage")!)
            .Add(x => x.Keyword, "商机2")
            .Add(x => x.Columns, [context.Form.Field("name")!]));

        // 商机20..商机29: 20-22 new, 23-29 won.
        list.WaitForAssertion(() => Assert.Equal(["3", "7"], list.FindAll(".list-group-count").Select(e => e.TextContent.Trim()).OrderBy(x => x)), TimeSpan.FromSeconds(30));

        list.Render(p => p.Add(x => x.Filter, FilterNode.Where("stage", FilterOperator.Eq, JsonValue.Create("won"))));
        list.WaitForAssertion(() => Assert.Equal(["7"], list.FindAll(".list-group-count").Select(e => e.TextContent.Trim())), TimeSpan.FromSeconds(30));
        Assert.Equal("7", list.Find(".list-groups").GetAttribute("data-total"));
    }
}
