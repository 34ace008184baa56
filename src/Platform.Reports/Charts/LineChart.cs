namespace Platform.Reports.Charts;

/// <summary>Lines over the categories (usually periods).</summary>
internal sealed class LineChart : CartesianChart
{
    public override string Name => "line";
    protected override string SeriesType => "line";
}
