using System.Text.Json.Nodes;

namespace Platform.Reports.Charts;

/// <summary>A pie with a hole.</summary>
internal sealed class DonutChart : PieChart
{
    public override string Name => "donut";
    protected override JsonNode Radius => new JsonArray("40%", "70%");
}
