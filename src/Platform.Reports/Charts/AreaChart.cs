namespace Platform.Reports.Charts;

/// <summary>Filled lines.</summary>
internal sealed class AreaChart : CartesianChart
{
    public override string Name => "area";
    protected override string SeriesType => "line";
    protected override bool Area => true;
}
