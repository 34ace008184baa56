using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Identity;
using Platform.Forms.Definitions;
using Platform.Reports.Definitions;
using Platform.Studio.Components.Designers.Versions;
using Platform.Studio.Designers.Versions;

namespace Platform.Studio.Tests.Designers;

/// <summary>Report and dashboard versions on the real report engine: list, compare, rollback as a new audited version.</summary>
public sealed class DefinitionVersionsTests(DesignerFixture fixture) : DesignerComponentContext(fixture), IClassFixture<DesignerFixture>
{
    private IReportDefinitions Reports => Fixture.Services.GetRequiredService<IReportDefinitions>();
    private DefinitionVersions Versions => Fixture.Services.GetRequiredService<DefinitionVersions>();

    private static ReportDefinition Report(string key, string chart, params string[] colors) => new()
    {
        App = DesignerFixture.App, Key = key, Name = new LocalizedText("Tickets", "工单"), Source = new ReportSource("tickets"),
        Dimensions = [new DimensionDefinition { Field = "priority" }],
        Measures = [new MeasureDefinition { Key = "count", Aggregate = Aggregate.Count }],
        Chart = new ChartDefinition { Type = chart, Colors = colors.Length == 0 ? null : colors },
    };

    private async Task PublishAsync(ReportDefinition report)
    {
        await Reports.SaveReportDraftAsync(report, DesignerFixture.Admin, default);
        await Reports.PublishReportAsync(report.App, report.Key, DesignerFixture.Admin, default);
    }

    private async Task FormAsync()
    {
        var forms = Fixture.Services.GetRequiredService<IFormDefinitions>();
        if (await forms.GetPublishedAsync(DesignerFixture.App, "tickets", default) is not null) return;
        await forms.SaveDraftAsync(new FormDefinition
        {
            App = DesignerFixture.App, Key = "tickets", Name = new LocalizedText("Tickets", "工单"),
            Fields =
            [
                new FieldDefinition { Key = "title", Type = "text", Label = new LocalizedText("Title", "标题") },
                new FieldDefinition { Key = "priority", Type = "select", Label = new LocalizedText("Priority", "优先级"),
                    Options = [new("high", new("High", "高")), new("low", new("Low", "低"))] },
            ],
        }, DesignerFixture.Admin, default);
        await forms.PublishAsync(DesignerFixture.App, "tickets", DesignerFixture.Admin, default);
    }

    [Fact]
    public async Task Rolling_a_report_back_publishes_the_old_version_as_a_new_one_and_writes_the_audit_log()
    {
        await FormAsync();
        await PublishAsync(Report("by-priority", "column"));
        await PublishAsync(Report("by-priority", "pie", "#c62828"));

        var listed = await Versions.ListAsync(DefinitionVersions.Report, DesignerFixture.App, "by-priority", default);
        Assert.Equal([2, 1], listed.Select(v => v.Version));
        Assert.All(listed, v => Assert.Equal("System", v.PublishedByName));

        var outcome = await Versions.RollbackAsync(DefinitionVersions.Report, DesignerFixture.App, "by-priority", 1, DesignerFixture.Admin, default);

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Issues.Select(i => i.En)));
        Assert.Equal(3, outcome.PublishedVersion);
        var current = await Reports.GetReportAsync(DesignerFixture.App, "by-priority", null, default);
        Assert.Equal((3, "column"), (current!.Version, current.Chart.Type));
        Assert.Null(current.Chart.Colors);
        Assert.Equal("column", (await Reports.GetReportDraftAsync(DesignerFixture.App, "by-priority", default))!.Chart.Type);
        var v1 = (ReportDefinition)(await Versions.GetAsync(DefinitionVersions.Report, DesignerFixture.App, "by-priority", 1, default))!;
        Assert.True(DefinitionVersions.Compare(v1, current).IsEmpty);

        await using var scope = Fixture.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Area: "report"), default);
        var entry = Assert.Single(audit.Items, e => e.Target == $"{DesignerFixture.App}/by-priority");
        Assert.Equal(("report.rolledback", "v1 → v3"), (entry.Action, entry.Details));
    }

    [Fact]
    public async Task A_dashboard_rolls_back_and_a_missing_version_is_a_clear_issue()
    {
        await FormAsync();
        await PublishAsync(Report("dash-source", "column"));
        var board = new DashboardDefinition
        {
            App = DesignerFixture.App, Key = "tickets-board", Name = new LocalizedText("Board", "看板"),
            Widgets = [new WidgetDefinition { Id = "a", Report = "dash-source", X = 0, Y = 0, W = 6, H = 4 }],
        };
        await Reports.SaveDashboardDraftAsync(board, DesignerFixture.Admin, default);
        await Reports.PublishDashboardAsync(DesignerFixture.App, "tickets-board", DesignerFixture.Admin, default);
        await Reports.SaveDashboardDraftAsync(board with { Widgets = [board.Widgets[0] with { W = 12 }], RefreshSeconds = 60 }, DesignerFixture.Admin, default);
        await Reports.PublishDashboardAsync(DesignerFixture.App, "tickets-board", DesignerFixture.Admin, default);

        var missing = await Versions.RollbackAsync(DefinitionVersions.Dashboard, DesignerFixture.App, "tickets-board", 9, DesignerFixture.Admin, default);
        Assert.Contains("版本 9 不存在", Assert.Single(missing.Issues).Zh);

        var outcome = await Versions.RollbackAsync(DefinitionVersions.Dashboard, DesignerFixture.App, "tickets-board", 1, DesignerFixture.Admin, default);
        Assert.Equal(3, outcome.PublishedVersion);
        var current = await Reports.GetDashboardAsync(DesignerFixture.App, "tickets-board", null, default);
        Assert.Equal((6, null), (current!.Widgets[0].W, current.RefreshSeconds));
    }

    [Fact]
    public async Task The_panel_lists_versions_and_compares_one_with_the_draft_in_the_editor()
    {
        await FormAsync();
        await PublishAsync(Report("panel", "column"));
        Services.AddSingleton(Versions);
        var draft = Report("panel", "line", "#2e7d32");

        var panel = Render<DefinitionVersionsPanel>(p => p
            .Add(x => x.Kind, DefinitionVersions.Report).Add(x => x.App, DesignerFixture.App).Add(x => x.Key, "panel")
            .Add(x => x.Draft, () => draft));
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll(".version-row")), Patience);
        Assert.Empty(panel.FindAll(".version-rollback")); // the current version cannot be rolled back to itself

        panel.Find(".version-compare").Click();

        panel.WaitForAssertion(() =>
        {
            var rows = panel.FindAll(".diff-row[data-area=chart]");
            Assert.Equal(2, rows.Count);
            Assert.Contains("column", rows[0].TextContent);
            Assert.Contains("line", rows[0].TextContent);
            Assert.Contains("#2e7d32", rows[1].TextContent);
        }, Patience);
        Assert.Contains("v1 → 当前草稿", panel.Find(".diff-title").TextContent);
    }
}
