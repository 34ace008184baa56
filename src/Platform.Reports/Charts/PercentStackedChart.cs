namespace Platform.Reports.Charts;

/// <summary>Bars stacked to 100% per category.</summary>
internal sealed class PercentStackedChart : CartesianChart
{
    public override string Name => "percentStacked";
    protected override string SeriesType => "bar";
    protected override bool Percent => true;
}
