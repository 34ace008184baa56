using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Records;
using Platform.Reports.Dashboards;
using Platform.Reports.Definitions;
using Platform.Reports.Tests.Support;
using static Platform.Reports.Tests.Support.ReportTestKit;

namespace Platform.Reports.Tests.Dashboards;

/// <summary>Definitions are versioned; dashboards bind filters to report parameters and reload from cache until records change.</summary>
public sealed class DashboardAndStorageTests(ReportsFixture fixture) : IClassFixture<ReportsFixture>
{
    private readonly ReportTestKit _kit = new(fixture);
    private IReportDefinitions Definitions => fixture.Services.GetRequiredService<IReportDefinitions>();
    private IDashboardLoader Loader => fixture.Services.GetRequiredService<IDashboardLoader>();

    private const string ByStage = """
        { "app": "crm", "key": "by-stage", "name": {"en": "Pipeline by stage", "zh": "各阶段商机"}, "source": {"form": "opportunities"},
          "chart": {"type": "column"}, "dimensions": [{"field": "stage"}], "measures": [{"key": "n", "aggregate": "count"}],
          "parameters": [{"key": "partner", "type": "partner", "field": "partner"}] }
        """;

    private const string Pipeline = """
        { "app": "crm", "key": "pipeline", "name": "Pipeline amount", "source": {"form": "opportunities"},
          "chart": {"type": "kpi"}, "measures": [{"key": "s", "aggregate": "sum", "field": "amount"}],
          "parameters": [{"key": "partner", "type": "partner", "field": "partner"}] }
        """;

    private async Task PublishAsync(string json)
    {
        var report = _kit.Parse(json);
        await Definitions.SaveReportDraftAsync(report, Admin, default);
        await Definitions.PublishReportAsync(report.App, report.Key, Admin, default);
    }

    private DashboardDefinition Dashboard(string widgets = "") => _kit.Parser.ParseDashboard($$$"""
        { "app": "crm", "key": "sales", "name": {"en": "Sales", "zh": "销售看板"}, "refreshSeconds": 60,
          "filters": [{"key": "partner", "type": "partner", "label": {"en": "Partner", "zh": "渠道伙伴"}}],
          "widgets": [
            {"id": "stages", "report": "by-stage", "x": 0, "y": 0, "w": 8, "h": 4, "bindings": {"partner": "partner"}},
            {"id": "kpi", "report": "pipeline", "x": 8, "y": 0, "w": 4, "h": 2, "bindings": {"partner": "partner"}}{{{widgets}}}
          ] }
        """);

    [Fact]
    public async Task Publishing_creates_numbered_versions_and_old_versions_stay_readable()
    {
        await PublishAsync(ByStage);
        await PublishAsync(ByStage.Replace("\"column\"", "\"bar\""));
        var versions = await Definitions.ListVersionsAsync("report", "crm", "by-stage", default);
        Assert.True(versions.Count >= 2);
        var latest = await Definitions.GetReportAsync("crm", "by-stage", null, default);
        var first = await Definitions.GetReportAsync("crm", "by-stage", versions[^1].Version, default);
        Assert.Equal("bar", latest!.Chart.Type);
        Assert.Equal(versions[0].Version, latest.Version);
        Assert.NotNull(first);
        Assert.Contains(await Definitions.ListAsync("crm", default), s => s.Key == "by-stage" && s.NameZh == "各阶段商机");
    }

    [Fact]
    public async Task Published_definitions_are_cached_until_the_next_publish_or_delete()
    {
        var json = ByStage.Replace("\"key\": \"by-stage\"", "\"key\": \"cached\"");
        await PublishAsync(json);
        var first = await Definitions.GetReportAsync("crm", "cached", null, default);
        Assert.Same(first, await Definitions.GetReportAsync("crm", "cached", null, default));

        await PublishAsync(json.Replace("\"column\"", "\"bar\""));
        var second = await Definitions.GetReportAsync("crm", "cached", null, default);
        Assert.Equal(("bar", first!.Version + 1), (second!.Chart.Type, second.Version));
        Assert.Equal("column", (await Definitions.GetReportAsync("crm", "cached", first.Version, default))!.Chart.Type);

        Assert.True(await Definitions.DeleteAsync("report", "crm", "cached", default));
        Assert.Null(await Definitions.GetReportAsync("crm", "cached", null, default));
        Assert.Null(await Definitions.GetReportAsync("crm", "cached", first.Version, default));
    }

    [Fact]
    public async Task A_draft_naming_an_unknown_field_is_not_saved()
    {
        var bad = _kit.Parse(ByStage.Replace("\"key\": \"by-stage\"", "\"key\": \"broken\"").Replace("\"field\": \"stage\"", "\"field\": \"phase\""));
        var error = await Assert.ThrowsAsync<ReportException>(() => Definitions.SaveReportDraftAsync(bad, Admin, default));
        Assert.Equal("dimensions[0]", error.Errors[0].Path);
        Assert.Null(await Definitions.GetReportDraftAsync("crm", "broken", default));
    }

    [Fact]
    public async Task Dashboard_filters_reach_every_bound_widget()
    {
        await PublishAsync(ByStage);
        await PublishAsync(Pipeline);
        var dashboard = await Definitions.SaveDashboardDraftAsync(Dashboard(), Admin, default);
        var partner = fixture.Data.Partners[1].Id;

        var loaded = await Loader.LoadAsync(dashboard, Admin, new Dictionary<string, JsonNode?> { ["partner"] = partner.ToString() }, "zh-CN", default);
        Assert.Equal("销售看板", loaded.Name);
        Assert.Equal(60, loaded.RefreshSeconds);
        var stages = loaded.Widgets.Single(w => w.Id == "stages");
        Assert.Equal((0, 0, 8, 4), (stages.X, stages.Y, stages.W, stages.H));
        var expected = await _kit.QueryAsync(
            "SELECT data->>'stage', count(*) FROM forms.records WHERE app_key = 'crm' AND form_key = 'opportunities' AND data->>'partner' = @p GROUP BY 1",
            ("p", partner.ToString()));
        Same(expected, Rows(stages.Result!, "n"));
        var kpi = loaded.Widgets.Single(w => w.Id == "kpi").Result!;
        var sum = await _kit.ScalarAsync("SELECT sum((data->>'amount')::numeric) FROM forms.records WHERE app_key = 'crm' AND form_key = 'opportunities' AND data->>'partner' = @p",
            ("p", partner.ToString()));
        Assert.Equal(Convert.ToDecimal(sum), kpi.Total!.Values[0]);
    }

    [Fact]
    public async Task Dashboards_with_overlapping_widgets_or_unknown_reports_are_refused()
    {
        var error = Assert.Throws<ReportException>(() => Dashboard(""", {"id": "x", "report": "nope", "x": 2, "y": 1, "w": 4, "h": 2}"""));
        Assert.Contains(error.Errors, e => e.En.Contains("overlaps"));
        var unknown = Dashboard(""", {"id": "x", "report": "nope", "x": 0, "y": 9, "w": 4, "h": 2}""");
        var missing = await Assert.ThrowsAsync<ReportException>(() => Definitions.SaveDashboardDraftAsync(unknown, Admin, default));
        Assert.Contains(missing.Errors, e => e.Path == "widgets.x.report");
    }

    [Fact]
    public async Task Reloads_come_from_the_cache_until_a_record_of_the_form_changes()
    {
        await PublishAsync(ByStage);
        await PublishAsync(Pipeline);
        var dashboard = Dashboard();
        var first = await Loader.LoadAsync(dashboard, Admin, null, "en", default);
        var second = await Loader.LoadAsync(dashboard, Admin, null, "en", default);
        Assert.All(second.Widgets, w => Assert.True(w.Result!.Cached));
        var before = first.Widgets.Single(w => w.Id == "kpi").Result!.Total!.Values[0]!.Value;

        var store = fixture.Services.GetRequiredService<IRecordStore>();
        var created = await store.CreateAsync(UserContext.System, "crm", "opportunities",
            new JsonObject { ["name"] = "Fresh deal", ["stage"] = "lead", ["amount"] = 12345.5m }, default);
        Assert.IsType<RecordWriteResult.Saved>(created);

        var third = await Loader.LoadAsync(dashboard, Admin, null, "en", default);
        var kpi = third.Widgets.Single(w => w.Id == "kpi").Result!;
        Assert.False(kpi.Cached);
        Assert.Equal(before + 12345.5m, kpi.Total!.Values[0]);
    }

    [Fact]
    public async Task A_widget_the_viewer_cannot_compute_shows_its_error_and_the_others_still_load()
    {
        await PublishAsync(ByStage);
        await PublishAsync(Pipeline.Replace("\"field\": \"amount\"", "\"field\": \"margin\""));
        var loaded = await Loader.LoadAsync(Dashboard(), PartnerSales(fixture.Data.Partners[0].Id), null, "en", default);
        Assert.NotNull(loaded.Widgets.Single(w => w.Id == "stages").Result);
        var kpi = loaded.Widgets.Single(w => w.Id == "kpi");
        Assert.Null(kpi.Result);
        Assert.Contains("margin", kpi.Errors![0].En);
        await PublishAsync(Pipeline);
    }
}
