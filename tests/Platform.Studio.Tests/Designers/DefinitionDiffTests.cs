using System.Text.Json.Nodes;
using Platform.Forms.Definitions;
using Platform.Forms.Queries;
using Platform.Reports.Definitions;
using Platform.Studio.Designers.Forms;
using Platform.Studio.Designers.Versions;

namespace Platform.Studio.Tests.Designers;

/// <summary>The version comparison of reports and dashboards: item by item, in words a designer reads.</summary>
public sealed class DefinitionDiffTests
{
    private static ReportDefinition Report(Func<ReportDefinition, ReportDefinition>? change = null)
    {
        var report = new ReportDefinition
        {
            App = "crm", Key = "sales", Name = new LocalizedText("Sales", "销售"), Source = new ReportSource("deals"),
            Dimensions = [new DimensionDefinition { Field = "stage" }],
            Measures = [new MeasureDefinition { Key = "amount", Aggregate = Aggregate.Sum, Field = "amount", Format = ValueFormat.Money }],
            Filter = FilterNode.Where("stage", FilterOperator.Eq, JsonValue.Create("won")),
            Chart = new ChartDefinition { Type = "column", Colors = ["#c62828"] },
            Version = 1,
        };
        return change is null ? report : change(report);
    }

    [Fact]
    public void Identical_versions_have_no_differences_even_when_their_version_numbers_differ()
    {
        Assert.True(DefinitionDiff.Compare(Report(), Report(r => r with { Version = 7 })).IsEmpty);
    }

    [Fact]
    public void Report_changes_are_listed_per_dimension_measure_filter_condition_and_chart_setting()
    {
        var after = Report(r => r with
        {
            Dimensions = [new DimensionDefinition { Field = "stage" }, new DimensionDefinition { Field = "rep" }],
            Measures = [new MeasureDefinition { Key = "amount", Aggregate = Aggregate.Avg, Field = "amount", Format = ValueFormat.Money },
                        new MeasureDefinition { Key = "deals", Aggregate = Aggregate.Count }],
            Filter = FilterNode.Where("amount", FilterOperator.Gt, JsonValue.Create(10)),
            Chart = new ChartDefinition { Type = "pie", Colors = ["#1976d2", "#2e7d32"] },
            Top = new TopN(5),
        });

        var diff = DefinitionDiff.Compare(Report(), after);

        var rep = Assert.Single(diff.In(DefinitionDiff.Dimensions));
        Assert.Equal(("rep", ChangeKind.Added), (rep.Item, rep.Kind));
        var measures = diff.In(DefinitionDiff.Measures).ToDictionary(c => c.Item);
        Assert.Equal(ChangeKind.Added, measures["deals"].Kind);
        var aggregate = Assert.Single(measures["amount"].Properties);
        Assert.Equal(("aggregate", "sum", "avg"), (aggregate.Property, aggregate.Before?.ToLowerInvariant(), aggregate.After?.ToLowerInvariant()));
        var filters = diff.In(DefinitionDiff.Filters).ToDictionary(c => c.Item, c => c.Kind);
        Assert.Equal(new Dictionary<string, ChangeKind> { ["amount > 10"] = ChangeKind.Added, ["stage = won"] = ChangeKind.Removed }, filters);
        var chart = Assert.Single(diff.In(DefinitionDiff.Chart)).Properties.ToDictionary(p => p.Property);
        Assert.Equal(("column", "pie"), (chart["type"].Before, chart["type"].After));
        // Colours read as a list, not as JSON.
        Assert.Equal(("#c62828", "#1976d2, #2e7d32"), (chart["colors"].Before, chart["colors"].After));
        var general = Assert.Single(diff.In(DefinitionDiff.General));
        Assert.Equal("top", Assert.Single(general.Properties).Property);
        Assert.Null(general.Properties[0].Before);
    }

    [Fact]
    public void A_renamed_report_shows_both_languages_and_reordered_dimensions_show_as_an_order_change()
    {
        var before = Report(r => r with { Dimensions = [new DimensionDefinition { Field = "stage" }, new DimensionDefinition { Field = "rep" }] });
        var after = Report(r => r with
        {
            Name = new LocalizedText("Revenue", "收入"),
            Dimensions = [new DimensionDefinition { Field = "rep" }, new DimensionDefinition { Field = "stage" }],
        });

        var diff = DefinitionDiff.Compare(before, after);

        Assert.Equal(new PropertyChange("name", "销售 / Sales", "收入 / Revenue"), Assert.Single(Assert.Single(diff.In(DefinitionDiff.General)).Properties));
        var order = Assert.Single(diff.In(DefinitionDiff.Dimensions));
        Assert.Equal(new PropertyChange("order", "stage, rep", "rep, stage"), Assert.Single(order.Properties));
    }

    [Fact]
    public void Filter_logic_that_changes_without_new_conditions_is_reported_as_such()
    {
        var a = FilterNode.Where("stage", FilterOperator.Eq, JsonValue.Create("won"));
        var b = FilterNode.Where("amount", FilterOperator.Gte, JsonValue.Create(100));
        var diff = DefinitionDiff.Compare(Report(r => r with { Filter = FilterNode.All(a, b) }), Report(r => r with { Filter = FilterNode.Any(a, b) }));

        var logic = Assert.Single(diff.In(DefinitionDiff.Filters));
        Assert.Equal(new PropertyChange("logic", "(stage = won AND amount ≥ 100)", "(stage = won OR amount ≥ 100)"), Assert.Single(logic.Properties));
    }

    [Fact]
    public void Dashboard_widgets_moved_added_removed_and_rebound_are_one_change_each()
    {
        var before = new DashboardDefinition
        {
            App = "crm", Key = "board", Name = new LocalizedText("Board", "看板"), RefreshSeconds = 60,
            Widgets =
            [
                new WidgetDefinition { Id = "funnel", Report = "funnel", X = 0, Y = 0, W = 6, H = 4 },
                new WidgetDefinition { Id = "old", Report = "old", X = 6, Y = 0, W = 6, H = 4 },
            ],
        };
        var after = before with
        {
            RefreshSeconds = 300,
            Filters = [new DashboardFilter { Key = "period", Type = ParameterType.DateRange }],
            Widgets =
            [
                new WidgetDefinition { Id = "funnel", Report = "funnel", X = 0, Y = 4, W = 12, H = 4, Bindings = new Dictionary<string, string> { ["period"] = "period" } },
                new WidgetDefinition { Id = "leaders", Report = "leaders", X = 0, Y = 0, W = 12, H = 4 },
            ],
        };

        var diff = DefinitionDiff.Compare(before, after);

        Assert.Equal(new PropertyChange("refreshSeconds", "60", "300"), Assert.Single(Assert.Single(diff.In(DefinitionDiff.General)).Properties));
        Assert.Equal(("period", ChangeKind.Added), Assert.Single(diff.In(DefinitionDiff.Filters)) is var f ? (f.Item, f.Kind) : default);
        var widgets = diff.In(DefinitionDiff.Widgets).ToDictionary(c => c.Item);
        Assert.Equal(ChangeKind.Added, widgets["leaders"].Kind);
        Assert.Equal(ChangeKind.Removed, widgets["old"].Kind);
        var funnel = widgets["funnel"].Properties.ToDictionary(p => p.Property);
        Assert.Equal(["bindings", "position"], funnel.Keys.Order());
        Assert.Equal(("x0 y0 · 6×4", "x0 y4 · 12×4"), (funnel["position"].Before, funnel["position"].After));
        Assert.Equal("period: period", funnel["bindings"].After);
        Assert.Equal(3, widgets.Count);
    }
}
