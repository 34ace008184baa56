using System.Text.Json.Nodes;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Charts;

/// <summary>A leaderboard: horizontal bars best first, with the rank on each item and the board in <c>platform.ranking</c>.</summary>
internal sealed class RankingChart : IChartType
{
    public string Name => "ranking";

    public IEnumerable<ReportError> Check(ReportDefinition report) =>
        ChartData.Errors(ChartData.Dimensions(report, Name, 1, 1), ChartData.Measures(report, Name, 1));

    public JsonObject Build(ReportResult result, ChartDefinition chart, string? culture)
    {
        var m = ChartData.VisibleMeasures(result)[0];
        var rows = result.Rows.Where(r => !r.IsOthers).ToList();
        var board = new JsonArray();
        var data = new JsonArray();
        for (var i = 0; i < rows.Count; i++)
        {
            var item = ChartData.Item(rows[i], rows[i].Values[m], rows[i].Cells[0].Label);
            item["rank"] = i + 1;
            data.Add(item);
            var entry = new JsonObject { ["rank"] = i + 1, ["name"] = rows[i].Cells[0].Label, ["key"] = rows[i].Cells[0].Key };
            foreach (var j in ChartData.VisibleMeasures(result)) entry[result.Measures[j].Key] = ChartData.Number(rows[i].Values[j]);
            board.Add(entry);
        }
        var meta = ChartData.Meta(result, Name);
        meta["ranking"] = board;
        return new JsonObject
        {
            ["title"] = ChartData.Title(result, chart, culture),
            ["tooltip"] = new JsonObject { ["trigger"] = "axis" },
            ["grid"] = new JsonObject { ["containLabel"] = true },
            ["xAxis"] = new JsonObject { ["type"] = "value" },
            ["yAxis"] = new JsonObject
            {
                ["type"] = "category",
                ["inverse"] = true,
                ["data"] = new JsonArray(rows.Select((r, i) => (JsonNode)JsonValue.Create($"{i + 1}. {r.Cells[0].Label}")!).ToArray()),
            },
            ["series"] = new JsonArray(new JsonObject
            {
                ["name"] = result.Measures[m].Label,
                ["type"] = "bar",
                ["label"] = new JsonObject { ["show"] = true, ["position"] = "right" },
                ["data"] = data,
            }),
            ["platform"] = meta,
        };
    }
}
