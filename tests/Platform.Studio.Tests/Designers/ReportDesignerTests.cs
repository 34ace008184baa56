using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Forms.Definitions;
using Platform.Forms.Queries;
using Platform.Forms.Records;
using Platform.Reports.Definitions;
using Platform.Studio.Designers.Dashboards;
using Platform.Studio.Designers.Reports;

namespace Platform.Studio.Tests.Designers;

/// <summary>Report and dashboard designers against the real engines: previews run on real records.</summary>
public sealed class ReportDesignerTests(DesignerFixture fixture) : IClassFixture<DesignerFixture>, IAsyncLifetime
{
    private ReportDesigner Reports => fixture.Services.GetRequiredService<ReportDesigner>();
    private DashboardDesigner Dashboards => fixture.Services.GetRequiredService<DashboardDesigner>();

    public async Task InitializeAsync()
    {
        var definitions = fixture.Services.GetRequiredService<IFormDefinitions>();
        if (await definitions.GetPublishedAsync(DesignerFixture.App, "deals", default) is not null) return;
        await definitions.SaveDraftAsync(new FormDefinition
        {
            App = DesignerFixture.App, Key = "deals", Name = new LocalizedText("Deals", "商机"), TitleField = "name",
            Fields =
            [
                new FieldDefinition { Key = "name", Type = "text", Label = new LocalizedText("Name", "名称") },
                new FieldDefinition
                {
                    Key = "stage", Type = "select", Label = new LocalizedText("Stage", "阶段"),
                    Options = [new("lead", new("Lead", "线索")), new("quote", new("Quote", "报价")), new("won", new("Won", "赢单"))],
                },
                new FieldDefinition { Key = "rep", Type = "text", Label = new LocalizedText("Rep", "销售") },
                new FieldDefinition { Key = "amount", Type = "money", Label = new LocalizedText("Amount", "金额") },
            ],
        }, DesignerFixture.Admin, default);
        await definitions.PublishAsync(DesignerFixture.App, "deals", DesignerFixture.Admin, default);
        var store = fixture.Services.GetRequiredService<IRecordStore>();
        (string Stage, string Rep, int Amount)[] rows = [("lead", "王", 10), ("lead", "李", 20), ("quote", "王", 30), ("won", "王", 100), ("won", "李", 50), ("won", "张", 70)];
        foreach (var (stage, rep, amount) in rows)
            Assert.IsType<RecordWriteResult.Saved>(await store.CreateAsync(DesignerFixture.Admin, DesignerFixture.App, "deals",
                new JsonObject { ["name"] = $"{rep}-{stage}", ["stage"] = stage, ["rep"] = rep, ["amount"] = amount }, default));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<ReportDesign> LeaderboardAsync(string key)
    {
        var form = await Reports.FormAsync(DesignerFixture.App, "deals", default);
        var design = new ReportDesign(DesignerFixture.App, key, new LocalizedText("Leaders", "龙虎榜"), "deals") { ChartType = "ranking", TopCount = 2, Totals = true };
        design.AddDimension("rep", form!.Field("rep"));
        design.AddMeasure("amount", form.Field("amount"));
        design.Filters.Add(new ReportFilterCondition("stage", FilterOperator.Eq, "won"));
        design.SortBy = "amount";
        design.Parameters.Add(new ParameterDefinition { Key = "period", Type = ParameterType.DateRange, Field = "_createdAt" });
        design.Colors.Add("#c62828");
        return design;
    }

    [Fact]
    public async Task The_preview_runs_the_unsaved_design_on_real_records_with_filter_sort_top_and_totals()
    {
        var design = await LeaderboardAsync("leaders-preview");

        var preview = await Reports.PreviewAsync(design, DesignerFixture.Admin, "zh-CN", default);

        Assert.Empty(preview.Issues);
        var result = preview.Result!;
        Assert.Equal(["王", "张"], result.Rows.Select(r => r.Cells[0].Label));
        Assert.Equal([100m, 70m], result.Rows.Select(r => r.Values[0]));
        // The total covers the groups the report keeps (no "others" row asked for).
        Assert.Equal(170m, result.Total!.Values[0]);
        Assert.Equal("ranking", result.ChartType);
    }

    [Fact]
    public async Task A_published_report_keeps_its_colours_and_a_funnel_counts_each_stage()
    {
        var leaders = await LeaderboardAsync("leaders");
        var published = await Reports.PublishAsync(leaders, DesignerFixture.Admin, default);
        Assert.True(published.Succeeded, string.Join("; ", published.Issues.Select(i => i.En)));
        var reopened = await Reports.OpenAsync(DesignerFixture.App, "leaders", default);
        Assert.Equal(["#c62828"], reopened!.Value.Design.Colors);
        Assert.Equal([new ReportFilterCondition("stage", FilterOperator.Eq, "won")], reopened.Value.Design.Filters);

        var form = await Reports.FormAsync(DesignerFixture.App, "deals", default);
        var funnel = new ReportDesign(DesignerFixture.App, "funnel", new LocalizedText("Funnel", "漏斗"), "deals") { ChartType = "funnel" };
        funnel.AddDimension("stage", form!.Field("stage"));
        funnel.AddMeasure(null, null);
        var preview = await Reports.PreviewAsync(funnel, DesignerFixture.Admin, "zh-CN", default);
        Assert.Equal(["线索", "报价", "赢单"], preview.Result!.Rows.Select(r => r.Cells[0].Label));
        Assert.Equal([2m, 1m, 3m], preview.Result.Rows.Select(r => r.Values[0]));

        // A leaderboard with no order chosen ranks best first.
        var ranking = new ReportDesign(DesignerFixture.App, "ranking", new LocalizedText("Ranking", "排行"), "deals") { ChartType = "ranking" };
        ranking.AddDimension("rep", form.Field("rep"));
        ranking.AddMeasure("amount", form.Field("amount"));
        var ranked = await Reports.PreviewAsync(ranking, DesignerFixture.Admin, "zh-CN", default);
        Assert.Equal("王", ranked.Result!.Rows[0].Cells[0].Label);
        Assert.Equal([140m, 70m, 70m], ranked.Result.Rows.Select(r => r.Values[0]));
    }

    [Fact]
    public async Task Designs_the_engine_refuses_come_back_as_issues_and_a_missing_measure_is_caught_first()
    {
        var empty = new ReportDesign(DesignerFixture.App, "empty", new LocalizedText("Empty", "空"), "deals");
        var issues = (await Reports.SaveAsync(empty, DesignerFixture.Admin, default)).Issues;
        Assert.Contains(issues, i => i.Zh.Contains("至少拖入一个指标"));

        var pie = await LeaderboardAsync("bad-pie");
        pie.ChartType = "kpi";
        var refused = await Reports.SaveAsync(pie, DesignerFixture.Admin, default);
        Assert.False(refused.Succeeded);
        Assert.All(refused.Issues, i => Assert.False(string.IsNullOrEmpty(i.Zh)));
    }

    [Fact]
    public async Task A_dashboard_places_both_reports_binds_a_filter_and_loads_every_widget()
    {
        foreach (var key in new[] { "dash-leaders" })
            Assert.True((await Reports.PublishAsync(await LeaderboardAsync(key), DesignerFixture.Admin, default)).Succeeded);
        var available = await Dashboards.ReportsAsync(DesignerFixture.App, default);

        var design = new DashboardDesign(DesignerFixture.App, "sales", new LocalizedText("Sales", "销售")) { RefreshSeconds = 60 };
        var first = design.AddWidget("dash-leaders");
        var second = design.AddWidget("dash-leaders");
        Assert.Equal((0, 6), (first.X, second.X));
        design.Apply([new GridPosition(second.Id, 0, 4, 12, 3)]);
        design.Filters.Add(new DashboardFilter { Key = "period", Type = ParameterType.DateRange });
        first.Bindings["period"] = "missing";
        Assert.Contains(Dashboards.Check(design, available), i => i.Zh.Contains("不存在"));
        first.Bindings["period"] = "period";

        var loaded = await Dashboards.LoadAsync(design, DesignerFixture.Admin, "zh-CN", default);
        Assert.Equal(2, loaded!.Widgets.Count(w => w.Result is { Rows.Count: 2 }));

        var saved = await Dashboards.PublishAsync(design, available, DesignerFixture.Admin, default);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Issues.Select(i => i.En)));
        var reopened = await Dashboards.OpenAsync(DesignerFixture.App, "sales", default);
        Assert.Equal((0, 4, 12, 3), (reopened!.Widgets[1].X, reopened.Widgets[1].Y, reopened.Widgets[1].W, reopened.Widgets[1].H));
        Assert.Equal(60, reopened.RefreshSeconds);
    }
}
