namespace Platform.Reports.Charts;

/// <summary>Bars stacked per category.</summary>
internal sealed class StackedColumnChart : CartesianChart
{
    public override string Name => "stacked";
    protected override string SeriesType => "bar";
    protected override bool Stacked => true;
}
