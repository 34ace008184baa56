using Platform.Reports.Definitions;

namespace Platform.Reports.Compilation;

/// <summary>
/// One parameterized statement for a report run. Result columns: <c>d{i}</c>/<c>l{i}</c> (key and name of
/// dimension i), <c>g</c> (grouping bitmask, bit i set when dimension i is rolled up), <c>o</c> (the "others"
/// row of top-N), then <c>m{j}</c> for each SQL aggregate in <see cref="Measures"/> order.
/// </summary>
internal sealed record CompiledReport(
    ReportDefinition Report,
    string Sql,
    SqlParameters Parameters,
    IReadOnlyList<CompiledDimension> Dimensions,
    IReadOnlyList<CompiledMeasure> Measures,
    IReadOnlyList<(string App, string Form)> Forms)
{
    public string CacheKey => $"{Parameters.StableSql(Sql)}\u001d{Parameters.Fingerprint()}";
}
