using System.Text.Json.Nodes;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Charts;

/// <summary>
/// One kind of chart: which report shapes it can draw (checked when the definition is saved) and how a result
/// becomes an Apache ECharts option (or, for tables, KPI cards and pivots, a small specification the Studio renders).
/// Data items carry the dimension keys (<c>keys</c>) so a click can drill down to the records behind them.
/// </summary>
internal interface IChartType
{
    string Name { get; }

    IEnumerable<ReportError> Check(ReportDefinition report);

    JsonObject Build(ReportResult result, ChartDefinition chart, string? culture);
}

/// <summary>The chart types by name; adding one is a class and a registration.</summary>
public sealed class ChartRegistry
{
    private readonly Dictionary<string, IChartType> _types;

    internal ChartRegistry(IEnumerable<IChartType> types) => _types = types.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _types.Keys;

    internal bool TryGet(string name, out IChartType type) => _types.TryGetValue(name, out type!);

    internal IChartType Get(string name) => _types[name];
}
