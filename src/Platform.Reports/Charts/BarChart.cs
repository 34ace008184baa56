namespace Platform.Reports.Charts;

/// <summary>Horizontal bars.</summary>
internal sealed class BarChart : CartesianChart
{
    public override string Name => "bar";
    protected override string SeriesType => "bar";
    protected override bool Horizontal => true;
}
