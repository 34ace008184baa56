using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Platform.Core.Organization;
using Platform.Reports.Access;
using Platform.Reports.Caching;
using Platform.Reports.Charts;
using Platform.Reports.Compilation;
using Platform.Reports.Definitions;
using Platform.Reports.Projections;
using Platform.Reports.Sources;

namespace Platform.Reports.Running;

internal sealed class ReportRunner(
    ISourceSchemas schemas,
    IReportAccess access,
    ReportClock clock,
    ReportCompiler compiler,
    ReportExecutor executor,
    ReportResultCache cache,
    ResultBuilder builder,
    ChartRegistry charts,
    ProjectionManager projections,
    IOptions<ReportsOptions> reportsOptions) : IReportRunner
{
    public async Task<ReportResult> RunAsync(ReportDefinition report, UserContext user, IReadOnlyDictionary<string, JsonNode?>? parameters,
        RunOptions? options, CancellationToken ct)
    {
        options ??= new RunOptions();
        var (set, scopes, values) = await PrepareAsync(report, user, parameters, ct);
        var compiled = compiler.Compile(report, set, scopes, values, user);
        var (rows, cached) = await ExecuteAsync(compiled, options, ct);

        var period = report.Parameters.FirstOrDefault(p => p.Period) is { } pp && values.GetValueOrDefault(pp.Key) is ParameterValue.Range r ? (pp, r.Value) : default;
        IReadOnlyList<RawRow>? previous = null;
        DateRange? previousRange = null;
        var chartType = options.Chart ?? report.Chart.Type;
        if (period.pp is not null && NeedsPreviousPeriod(report, chartType))
        {
            previousRange = period.Value.Previous();
            var shifted = new Dictionary<string, ParameterValue>(values) { [period.pp.Key] = new ParameterValue.Range(previousRange) };
            (previous, _) = await ExecuteAsync(compiler.Compile(report, set, scopes, shifted, user), options, ct);
        }

        var result = builder.Build(compiled, rows, previous, options.Culture) with
        {
            Period = period.pp is null ? null : period.Value,
            PreviousPeriod = previousRange,
            Cached = cached,
            ChartType = chartType,
        };
        return result with { Chart = charts.Get(chartType).Build(result, report.Chart, options.Culture) };
    }

    /// <summary>The statement a run would execute, for the benchmark's EXPLAIN.</summary>
    internal async Task<CompiledReport> CompileAsync(ReportDefinition report, UserContext user, IReadOnlyDictionary<string, JsonNode?>? parameters, CancellationToken ct)
    {
        var (set, scopes, values) = await PrepareAsync(report, user, parameters, ct);
        return compiler.Compile(report, set, scopes, values, user);
    }

    public async Task<DrillResult> DrillAsync(ReportDefinition report, UserContext user, IReadOnlyDictionary<string, JsonNode?>? parameters,
        IReadOnlyList<string?> keys, int limit, CancellationToken ct)
    {
        var (set, scopes, values) = await PrepareAsync(report, user, parameters, ct);
        var (sql, sqlParameters) = compiler.CompileDrill(report, set, scopes, values, user, keys, Math.Clamp(limit, 1, 1000));
        var records = await executor.ExecuteDrillAsync(sql, sqlParameters, ct);
        var filter = DrillFilter.For(report, set, values, keys);
        // A title copies the title field, so a viewer from whom that field is hidden gets the records without it.
        var titled = scopes[(set.Root.App, set.Root.Form)].TitleReadable;
        return new DrillResult(report.App, report.Source.Form, filter, records.Select(r => new DrillRecord(r.Id, titled ? r.Title : null)).ToList());
    }

    private async Task<(SchemaSet, IReadOnlyDictionary<(string, string), ReadScope>, IReadOnlyDictionary<string, ParameterValue>)> PrepareAsync(
        ReportDefinition report, UserContext user, IReadOnlyDictionary<string, JsonNode?>? parameters, CancellationToken ct)
    {
        var set = await SchemaSet.LoadAsync(schemas, report, ct);
        if (reportsOptions.Value.UseProjections) set.Projection = await projections.EnsureAsync(set.Root, ct);
        var scopes = new Dictionary<(string, string), ReadScope>();
        foreach (var s in set.All) scopes[(s.App, s.Form)] = await access.GetAsync(user, s.App, s.Form, ct);
        if (!scopes[(set.Root.App, set.Root.Form)].CanRead)
            throw new ReportException("source.form", $"You cannot read the records of '{set.Root.Name.En}'.", $"您无权查看“{set.Root.Name.Zh}”的记录。");
        var values = new ParameterBinder(clock).Bind(report, parameters);
        return (set, scopes, values);
    }

    private async Task<(IReadOnlyList<RawRow>, bool)> ExecuteAsync(CompiledReport compiled, RunOptions options, CancellationToken ct) =>
        options.UseCache
            ? await cache.GetOrRunAsync(compiled, () => executor.ExecuteAsync(compiled, ct), ct)
            : (await executor.ExecuteAsync(compiled, ct), false);

    private static bool NeedsPreviousPeriod(ReportDefinition report, string chartType) =>
        chartType == "kpi" || report.Measures.Any(m => m.Aggregate == Aggregate.Change) && !report.Dimensions.Any(d => d.Bucket is not null);
}
