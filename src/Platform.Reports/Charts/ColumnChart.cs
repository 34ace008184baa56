namespace Platform.Reports.Charts;

/// <summary>Vertical bars.</summary>
internal sealed class ColumnChart : CartesianChart
{
    public override string Name => "column";
    protected override string SeriesType => "bar";
}
