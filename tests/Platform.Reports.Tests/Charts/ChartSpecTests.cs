using System.Text.Json.Nodes;
using Platform.Forms.Definitions;
using Platform.Reports.Charts;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Tests.Charts;

/// <summary>Chart types turn results into ECharts options whose data, order and drill keys are right.</summary>
public sealed class ChartSpecTests
{
    private static ResultRow Row(decimal?[] values, params string?[] keys) =>
        new(keys.Select(k => new ResultCell(k, k is null ? "(empty)" : k.ToUpperInvariant())).ToList(), values);

    private static ReportResult Result(int dims, IReadOnlyList<ResultRow> rows, params string[] measures) => new()
    {
        App = "crm", Report = "r", Name = "R",
        Dimensions = Enumerable.Range(0, dims).Select(i => new ResultDimension($"d{i}", $"D{i}", "select", null)).ToList(),
        Measures = measures.Select(m => new ResultMeasure(m, m.ToUpperInvariant(), ValueFormat.Number, null, false)).ToList(),
        Rows = rows,
    };

    private static JsonObject Build(IChartType chart, ReportResult result, ChartDefinition? definition = null) =>
        chart.Build(result, definition ?? new ChartDefinition { Type = chart.Name }, "en");

    [Fact]
    public void Every_registered_chart_type_has_a_unique_name()
    {
        var names = new IChartType[]
        {
            new ColumnChart(), new BarChart(), new StackedColumnChart(), new PercentStackedChart(), new LineChart(), new AreaChart(),
            new ComboChart(), new PieChart(), new DonutChart(), new FunnelChart(), new RankingChart(), new KpiChart(), new TableChart(),
            new PivotChart(), new HeatmapChart(), new ChinaMapChart(), new ScatterChart(), new RadarChart(), new GaugeChart(), new TreemapChart(),
        }.Select(c => c.Name).ToList();
        Assert.Equal(20, names.Distinct().Count());
    }

    [Fact]
    public void Column_chart_splits_the_second_dimension_into_series_with_gaps_as_nulls()
    {
        var result = Result(2, [Row([10], "a", "x"), Row([5], "a", "y"), Row([7], "b", "x")], "n");
        var option = Build(new ColumnChart(), result);
        Assert.Equal(["A", "B"], option["xAxis"]!["data"]!.AsArray().Select(n => n!.GetValue<string>()));
        var series = option["series"]!.AsArray();
        Assert.Equal(["X", "Y"], series.Select(s => s!["name"]!.GetValue<string>()));
        Assert.Equal(7m, series[0]!["data"]![1]!["value"]!.GetValue<decimal>());
        Assert.Null(series[1]!["data"]![1]!["value"]);
        Assert.Equal(["a", "y"], series[1]!["data"]![0]!["keys"]!.AsArray().Select(k => k!.GetValue<string>()));
    }

    [Fact]
    public void Percent_stacked_turns_each_category_into_shares_and_keeps_raw_values()
    {
        var result = Result(2, [Row([30], "a", "x"), Row([10], "a", "y")], "n");
        var series = Build(new PercentStackedChart(), result)["series"]!.AsArray();
        Assert.Equal(75m, series[0]!["data"]![0]!["value"]!.GetValue<decimal>());
        Assert.Equal(25m, series[1]!["data"]![0]!["value"]!.GetValue<decimal>());
        Assert.Equal(30m, series[0]!["data"]![0]!["raw"]!.GetValue<decimal>());
        Assert.Equal("total", series[0]!["stack"]!.GetValue<string>());
    }

    [Fact]
    public void Funnel_keeps_stage_order_and_computes_conversions()
    {
        var result = Result(1, [Row([100], "lead"), Row([40], "qualify"), Row([10], "won")], "n");
        var option = Build(new FunnelChart(), result);
        var data = option["series"]![0]!["data"]!.AsArray();
        Assert.Equal("none", option["series"]![0]!["sort"]!.GetValue<string>());
        Assert.Null(data[0]!["conversion"]);
        Assert.Equal(0.4m, data[1]!["conversion"]!.GetValue<decimal>());
        Assert.Equal(0.25m, data[2]!["conversion"]!.GetValue<decimal>());
        Assert.Equal(0.1m, data[2]!["overall"]!.GetValue<decimal>());
    }

    [Fact]
    public void Ranking_numbers_the_board_and_leaves_out_others()
    {
        var others = Row([1], (string?)null) with { IsOthers = true };
        var result = Result(1, [Row([9], "p1"), Row([4], "p2"), others], "won");
        var option = Build(new RankingChart(), result);
        Assert.Equal(["1. P1", "2. P2"], option["yAxis"]!["data"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(option["yAxis"]!["inverse"]!.GetValue<bool>());
        Assert.Equal(2, option["platform"]!["ranking"]!.AsArray().Count);
    }

    [Fact]
    public void Kpi_card_reports_change_trend_and_target_progress()
    {
        var result = Result(0, [], "n") with
        {
            Total = new ResultRow([], [120m]),
            PreviousTotal = new ResultRow([], [100m]),
        };
        var card = Build(new KpiChart(), result, new ChartDefinition { Type = "kpi", Target = 200 });
        Assert.Equal(0.2m, card["change"]!.GetValue<decimal>());
        Assert.Equal("up", card["trend"]!.GetValue<string>());
        Assert.Equal(0.6m, card["progress"]!.GetValue<decimal>());
    }

    [Fact]
    public void Heat_map_places_values_on_the_two_category_axes()
    {
        var result = Result(2, [Row([3], "p1", "east"), Row([8], "p2", "west")], "n");
        var option = Build(new HeatmapChart(), result);
        var data = option["series"]![0]!["data"]!.AsArray();
        Assert.Equal("[1,1,8]", data[1]!["value"]!.ToJsonString());
        Assert.Equal(3m, option["visualMap"]!["min"]!.GetValue<decimal>());
        Assert.Equal(8m, option["visualMap"]!["max"]!.GetValue<decimal>());
    }

    [Fact]
    public void China_map_names_items_by_province_and_uses_the_registered_map()
    {
        var result = Result(1, [new ResultRow([new ResultCell("440000", "广东省")], [12m]), new ResultRow([new ResultCell(null, "(empty)")], [3m])], "n");
        var option = Build(new ChinaMapChart(), result, new ChartDefinition { Type = "chinaMap", Map = "china-gb" });
        var series = option["series"]![0]!;
        Assert.Equal("china-gb", series["map"]!.GetValue<string>());
        var item = Assert.Single(series["data"]!.AsArray());
        Assert.Equal("广东省", item!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Pivot_lays_out_rows_columns_subtotals_and_grand_total()
    {
        var rows = new List<ResultRow> { Row([1], "a", "x"), Row([2], "a", "y"), Row([4], "b", "x") };
        var result = Result(2, rows, "n") with
        {
            Subtotals =
            [
                new ResultRow([new("a", "A"), new(null, "")], [3m]) { Grouping = 0b10 },
                new ResultRow([new("b", "B"), new(null, "")], [4m]) { Grouping = 0b10 },
                new ResultRow([new(null, ""), new("x", "X")], [5m]) { Grouping = 0b01 },
                new ResultRow([new(null, ""), new("y", "Y")], [2m]) { Grouping = 0b01 },
            ],
            Total = new ResultRow([new(null, ""), new(null, "")], [7m]) { Grouping = 0b11 },
        };
        var pivot = Build(new PivotChart(), result);
        var body = pivot["rows"]!.AsArray();
        Assert.Equal([1m, 2m], body[0]!["cells"]!.AsArray().Select(c => c!.GetValue<decimal>()));
        Assert.Null(body[1]!["cells"]![1]);
        Assert.Equal(3m, body[0]!["total"]![0]!.GetValue<decimal>());
        Assert.Equal([5m, 2m], pivot["columnTotals"]!.AsArray().Select(c => c!.GetValue<decimal>()));
        Assert.Equal(7m, pivot["grandTotal"]![0]!.GetValue<decimal>());
    }

    [Fact]
    public void Combo_draws_secondary_measures_as_lines_on_the_right_axis()
    {
        var result = Result(1, [Row([10, 0.5m], "jan")], "amount", "rate");
        var option = Build(new ComboChart(), result, new ChartDefinition { Type = "combo", SecondaryMeasures = ["rate"] });
        Assert.Equal(["bar", "line"], option["series"]!.AsArray().Select(s => s!["type"]!.GetValue<string>()));
        Assert.Equal(2, option["yAxis"]!.AsArray().Count);
    }

    [Fact]
    public void Gauge_treemap_scatter_radar_and_donut_produce_their_series()
    {
        var one = Result(1, [Row([10, 2], "a"), Row([30, 5], "b")], "x", "y");
        Assert.Equal("scatter", Build(new ScatterChart(), one)["series"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(2, Build(new RadarChart(), one)["radar"]!["indicator"]!.AsArray().Count);
        Assert.Equal(2, Build(new DonutChart(), one)["series"]![0]!["radius"]!.AsArray().Count);
        var tree = Build(new TreemapChart(), Result(2, [Row([1], "a", "x"), Row([2], "a", "y")], "n"));
        Assert.Equal(3m, tree["series"]![0]!["data"]![0]!["value"]!.GetValue<decimal>());
        var gauge = Build(new GaugeChart(), Result(0, [], "n") with { Total = new ResultRow([], [73m]) });
        Assert.Equal(80m, gauge["series"]![0]!["max"]!.GetValue<decimal>());
    }

    [Fact]
    public void Chart_titles_follow_the_viewers_language()
    {
        var result = Result(1, [Row([1], "a")], "n");
        var option = new PieChart().Build(result, new ChartDefinition { Type = "pie", Title = new LocalizedText("Sales", "销售") }, "zh-CN");
        Assert.Equal("销售", option["title"]!["text"]!.GetValue<string>());
    }
}
