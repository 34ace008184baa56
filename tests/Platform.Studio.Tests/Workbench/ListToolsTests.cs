using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Queries;
using Platform.Forms.Records;
using Platform.Studio.Runtime;
using Platform.Studio.Runtime.Lists;
using Platform.Studio.Runtime.Records;

namespace Platform.Studio.Tests.Workbench;

/// <summary>Saved views, the kanban board, bulk actions and comments on real PostgreSQL, with the engine's permissions.</summary>
public sealed class ListToolsTests(WorkbenchDatabaseFixture db) : IClassFixture<WorkbenchDatabaseFixture>
{
    private const string App = "lt";
    private static readonly UserContext Admin = UserContext.System;

    [Fact]
    public async Task Personal_views_stay_personal_and_only_administrators_share()
    {
        await db.PublishFormAsync(App, "views");
        var (me, other) = (await db.NewUserAsync("甲"), await db.NewUserAsync("乙"));
        var views = db.Get<SavedViews>();
        var state = new ViewState("华东", [new ListCondition("stage", FilterOperator.Eq, "won")], "name", true, ["name", "stage"], "stage", false, null);

        await views.SaveAsync(me, App, "views", "我的赢单", shared: false, state, CancellationToken.None);
        await Assert.ThrowsAsync<SavedViewException>(() => views.SaveAsync(me, App, "views", "大家的", shared: true, state, CancellationToken.None));
        await views.SaveAsync(Admin, App, "views", "全员视图", shared: true, state with { Keyword = null }, CancellationToken.None);

        var mine = await views.ListAsync(me, App, "views", CancellationToken.None);
        Assert.Equal(["全员视图", "我的赢单"], mine.Select(v => v.Name));
        Assert.Equal(state, mine.Single(v => v.Name == "我的赢单").State with { Conditions = state.Conditions, Columns = state.Columns });
        Assert.Equal("won", mine.Single(v => v.Name == "我的赢单").State.Conditions.Single().Value);
        Assert.Equal(["全员视图"], (await views.ListAsync(other, App, "views", CancellationToken.None)).Select(v => v.Name));
        await Assert.ThrowsAsync<SavedViewException>(() => views.DeleteAsync(other, mine.Single(v => v.Name == "我的赢单").Id, CancellationToken.None));

        var context = await db.ContextAsync(me, App, "views");
        var stale = SavedViews.Sanitize(state with { Columns = ["name", "dropped"], GroupBy = "dropped", Conditions = [new ListCondition("dropped", FilterOperator.Eq, "x")] }, context);
        Assert.Equal(["name"], stale.Columns);
        Assert.Null(stale.GroupBy);
        Assert.Empty(stale.Conditions);
    }

    [Fact]
    public async Task The_board_counts_each_stage_and_refuses_a_move_of_a_card_someone_changed_meanwhile()
    {
        await db.PublishFormAsync(App, "board");
        var user = await db.NewUserAsync("看板用户");
        var first = await CreateAsync(user, "board", "甲公司", "new");
        await CreateAsync(user, "board", "乙公司", "new");
        await CreateAsync(user, "board", "丙公司", "won");
        var context = await db.ContextAsync(user, App, "board");
        var stage = context.Form.Field("stage")!;
        var board = db.Get<RecordBoard>();

        var columns = await board.LoadAsync(context, stage, null, null, "zh-CN", CancellationToken.None);
        Assert.Equal([("new", 2L), ("won", 1L)], columns.Select(c => (c.OptionKey!, c.Total)));
        Assert.Equal("新建", columns[0].Label);

        var card = columns[0].Cards.Single(c => c.Id == first.Id);
        await db.Get<IRecordStore>().UpdateAsync(user, App, "board", card.Id, new JsonObject { ["name"] = "甲公司（改）" }, card.Version, partial: true, CancellationToken.None);
        Assert.IsType<RecordWriteResult.Conflict>(await board.MoveAsync(context, stage, card, "won", CancellationToken.None));

        columns = await board.LoadAsync(context, stage, null, null, "zh-CN", CancellationToken.None);
        Assert.IsType<RecordWriteResult.Saved>(await board.MoveAsync(context, stage, columns[0].Cards.Single(c => c.Id == first.Id), "won", CancellationToken.None));
        columns = await board.LoadAsync(context, stage, FilterNode.Where("name", FilterOperator.Contains, JsonValue.Create("公司")), null, "zh-CN", CancellationToken.None);
        Assert.Equal([("new", 1L), ("won", 2L)], columns.Select(c => (c.OptionKey!, c.Total)));
    }

    [Fact]
    public async Task Bulk_actions_change_what_the_user_may_change_and_list_the_rest()
    {
        await RoleAsync("lt_sales");
        await db.PublishFormAsync(App, "bulk", [new RoleGrant { Role = "lt_sales", Actions = [FormAction.Create, FormAction.Read, FormAction.Update], Scope = DataScope.Own }]);
        var seller = await db.NewUserAsync("销售甲", "lt_sales");
        var colleague = await db.NewUserAsync("销售乙", "lt_sales");
        var mine = await CreateAsync(seller, "bulk", "我的客户", "new");
        var theirs = await CreateAsync(colleague, "bulk", "别人的客户", "new");
        var bulk = db.Get<BulkActions>();
        var context = await db.ContextAsync(seller, App, "bulk");

        var outcome = await bulk.UpdateAsync(context, [mine, theirs], "stage", JsonValue.Create("won"), "zh-CN", CancellationToken.None);
        Assert.Equal(1, outcome.Done);
        Assert.Contains("别人的客户", Assert.Single(outcome.Refused));
        Assert.Equal("won", (await db.Get<IRecordStore>().GetAsync(Admin, App, "bulk", mine.Id, CancellationToken.None))!.Data["stage"]!.GetValue<string>());
        Assert.Equal("new", (await db.Get<IRecordStore>().GetAsync(Admin, App, "bulk", theirs.Id, CancellationToken.None))!.Data["stage"]!.GetValue<string>());

        var current = (await db.Get<IRecordStore>().GetAsync(seller, App, "bulk", mine.Id, CancellationToken.None))!;
        Assert.Equal(0, (await bulk.DeleteAsync(context, [current], "zh-CN", CancellationToken.None)).Done); // no delete right
        Assert.Throws<ArgumentException>(() => { _ = bulk.UpdateAsync(context, [current], "no_such_field", null, "en", CancellationToken.None); });

        var adminContext = await db.ContextAsync(Admin, App, "bulk");
        var assigned = await bulk.AssignAsync(adminContext, [current, theirs], colleague.UserId, "en", CancellationToken.None);
        Assert.Equal(2, assigned.Done);
        Assert.Null(await db.Get<IRecordStore>().GetAsync(seller, App, "bulk", mine.Id, CancellationToken.None)); // now the colleague's
    }

    [Fact]
    public async Task Comments_are_for_people_who_may_read_the_record()
    {
        await RoleAsync("lt_own");
        await db.PublishFormAsync(App, "comments", [new RoleGrant { Role = "lt_own", Actions = [FormAction.Create, FormAction.Read, FormAction.Update], Scope = DataScope.Own }]);
        var (owner, stranger) = (await db.NewUserAsync("负责人", "lt_own"), await db.NewUserAsync("外人", "lt_own"));
        var record = await CreateAsync(owner, "comments", "重点客户", "new");
        var comments = db.Get<RecordComments>();

        Assert.True(await comments.AddAsync(await db.ContextAsync(owner, App, "comments"), record.Id, "  下周拜访  ", CancellationToken.None));
        Assert.False(await comments.AddAsync(await db.ContextAsync(stranger, App, "comments"), record.Id, "我也想说", CancellationToken.None));
        var ownerContext = await db.ContextAsync(owner, App, "comments");
        await Assert.ThrowsAsync<ArgumentException>(() => comments.AddAsync(ownerContext, record.Id, "   ", CancellationToken.None));

        var seen = Assert.Single((await comments.ListAsync(await db.ContextAsync(owner, App, "comments"), record.Id, CancellationToken.None))!);
        Assert.Equal(("负责人", "下周拜访"), (seen.Author, seen.Body));
        Assert.Null(await comments.ListAsync(await db.ContextAsync(stranger, App, "comments"), record.Id, CancellationToken.None));
    }

    [Fact]
    public void Formulas_are_recomputed_in_dependency_order_and_blank_inputs_leave_them_empty()
    {
        var form = new FormDefinition
        {
            App = App, Key = "quote", Name = new LocalizedText("Quote", "报价"),
            Fields =
            [
                new FieldDefinition { Key = "grand", Type = "formula", Label = new LocalizedText("Grand", "总计"), Expression = "total * 2" },
                new FieldDefinition { Key = "price", Type = "money", Label = new LocalizedText("Price", "单价") },
                new FieldDefinition { Key = "qty", Type = "number", Label = new LocalizedText("Qty", "数量") },
                new FieldDefinition { Key = "total", Type = "formula", Label = new LocalizedText("Total", "小计"), Expression = "price * qty" },
            ],
        };
        var data = new JsonObject { ["price"] = 12.5m, ["qty"] = 4 };
        db.Get<LiveFormulas>().Apply(form, data);
        Assert.Equal(50m, data["total"]!.GetValue<decimal>());
        Assert.Equal(100m, data["grand"]!.GetValue<decimal>());

        data["qty"] = 6;
        db.Get<LiveFormulas>().Apply(form, data);
        Assert.Equal(150m, data["grand"]!.GetValue<decimal>());
    }

    private async Task<FormRecord> CreateAsync(UserContext user, string form, string name, string stage)
    {
        var result = await db.Get<IRecordStore>().CreateAsync(user, App, form, new JsonObject { ["name"] = name, ["stage"] = stage }, CancellationToken.None);
        return Assert.IsType<RecordWriteResult.Saved>(result).Record;
    }

    private Task RoleAsync(string name) => db.InScopeAsync(async sp =>
    {
        var admin = sp.GetRequiredService<IOrganizationAdmin>();
        if ((await admin.ListRolesAsync(CancellationToken.None)).All(r => r.Name != name)) await admin.CreateRoleAsync(name, name, CancellationToken.None);
        return true;
    });
}
