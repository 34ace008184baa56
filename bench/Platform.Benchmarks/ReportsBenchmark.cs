using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Core.Database;
using Platform.Core.Organization;
using Platform.Forms;
using Platform.Reports;
using Platform.Reports.Dashboards;
using Platform.Reports.Definitions;
using Platform.Reports.Running;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// Report engine over N generated opportunities (default 1,000,000): group-by with sum and count, a monthly series,
/// a funnel, a pivot with subtotals and a partner leaderboard, each timed end to end (compile, query, labels, chart)
/// against the same query on a hand-written typed table; then dashboard loads cold, cached, and after a change, and
/// what the reporting projection costs record writes.
/// </summary>
public sealed class ReportsBenchmark : IBenchmarkCommand
{
    public string Name => "reports";
    public string Description => "Report engine vs typed-table SQL: group-by, monthly series, funnel, pivot, leaderboard; cached dashboard reloads";

    private sealed record Case(string Name, string Report, string TypedSql);

    private static readonly Case[] Cases =
    [
        new("group-by sum+count", """
            { "app": "bench", "key": "by-region", "name": "By region", "source": {"form": "opportunities"}, "chart": {"type": "column"},
              "dimensions": [{"field": "region"}], "measures": [{"key": "s", "aggregate": "sum", "field": "amount"}, {"key": "n", "aggregate": "count"}] }
            """, "SELECT region, sum(amount), count(*) FROM typed_opportunities WHERE deleted_at IS NULL GROUP BY region"),
        new("monthly series", """
            { "app": "bench", "key": "monthly", "name": "Monthly", "source": {"form": "opportunities"}, "chart": {"type": "line"},
              "dimensions": [{"field": "close_date", "bucket": "month"}], "measures": [{"key": "s", "aggregate": "sum", "field": "amount"}] }
            """, "SELECT date_trunc('month', close_date), sum(amount) FROM typed_opportunities WHERE deleted_at IS NULL GROUP BY 1"),
        new("funnel", """
            { "app": "bench", "key": "funnel", "name": "Funnel", "source": {"form": "opportunities"}, "chart": {"type": "funnel"},
              "dimensions": [{"field": "stage"}], "measures": [{"key": "n", "aggregate": "count"}], "filter": {"field": "stage", "op": "ne", "value": "lost"} }
            """, "SELECT stage, count(*) FROM typed_opportunities WHERE deleted_at IS NULL AND stage IS DISTINCT FROM 'lost' GROUP BY stage"),
        new("pivot (cube)", """
            { "app": "bench", "key": "pivot", "name": "Pivot", "source": {"form": "opportunities"}, "chart": {"type": "pivot"}, "subtotals": true, "totals": true,
              "dimensions": [{"field": "region"}, {"field": "stage"}], "measures": [{"key": "s", "aggregate": "sum", "field": "amount"}] }
            """, "SELECT region, stage, GROUPING(region, stage), sum(amount) FROM typed_opportunities WHERE deleted_at IS NULL GROUP BY CUBE (region, stage)"),
        new("leaderboard top10", """
            { "app": "bench", "key": "leaders", "name": "Leaders", "source": {"form": "opportunities"}, "chart": {"type": "ranking"},
              "dimensions": [{"field": "partner"}], "measures": [{"key": "won", "aggregate": "sum", "field": "amount"}],
              "filter": {"field": "stage", "op": "eq", "value": "won"}, "top": {"count": 10, "by": "won"} }
            """, """
            SELECT t.partner_id, p.name, sum(t.amount) FROM typed_opportunities t LEFT JOIN identity.partners p ON p.id = t.partner_id
            WHERE t.deleted_at IS NULL AND t.stage = 'won' GROUP BY 1, 2 ORDER BY 3 DESC NULLS LAST LIMIT 10
            """),
    ];

    public async Task<int> RunAsync(BenchmarkArgs args)
    {
        var records = args.Records ?? 1_000_000;
        var iterations = Option(args, "--iterations", 7);
        var admin = new UserContext(Guid.NewGuid(), "bench", "Benchmark", null, null, new HashSet<string>(), true);

        Console.WriteLine($"Reports benchmark: {records:N0} records, {iterations} timed runs per query (after one warm-up)");
        var template = "tpl_bench_reports";
        await TestPostgres.EnsureTemplateAsync(template, async cs =>
        {
            await using var sp = Build(cs);
            await sp.GetRequiredService<PlatformMigrator>().MigrateAsync();
        });
        var database = await TestPostgres.CloneAsync(template);
        var connectionString = await TestPostgres.ConnectionStringForAsync(database);
        try
        {
            await using var services = Build(connectionString);
            await ReportsBenchmarkData.PublishFormAsync(services);
            var load = Stopwatch.StartNew();
            await ReportsBenchmarkData.GenerateAsync(connectionString, records);
            Console.WriteLine($"Generated data and typed table in {load.Elapsed.TotalSeconds:F1} s");

            var parser = services.GetRequiredService<ReportDefinitionParser>();
            var runner = services.GetRequiredService<IReportRunner>();
            var rows = new List<Dictionary<string, object?>>();
            // The first report on a form builds its typed projection from the existing records (once per publish).
            var build = Stopwatch.StartNew();
            await runner.RunAsync(parser.ParseReport(Cases[0].Report), admin, null, new RunOptions(UseCache: false), default);
            var projectionBuild = build.Elapsed.TotalMilliseconds;
            Console.WriteLine($"First report, building the reporting projection of {records:N0} records: {projectionBuild / 1000:F1} s");
            if (args.Rest.Contains("--explain"))
                foreach (var c in Cases)
                {
                    var report = parser.ParseReport(c.Report);
                    var compile = new LatencyStats();
                    for (var i = 0; i < 20; i++) await compile.TimeAsync(() => ((ReportRunner)runner).CompileAsync(report, admin, null, default));
                    Console.WriteLine($"--- {c.Name}: preparing and compiling (schemas, projection check, scopes, SQL) median {compile.Median:F2} ms");
                    await ExplainAsync(connectionString, c, await ((ReportRunner)runner).CompileAsync(report, admin, null, default));
                }
            Console.WriteLine();
            Console.WriteLine($"{"query",-20} {"engine med",11} {"engine p95",11} {"typed med",10} {"typed p95",10} {"ratio",6} {"groups",7} {"same",5}");
            foreach (var c in Cases)
            {
                var report = parser.ParseReport(c.Report);
                var engine = new LatencyStats();
                var typed = new LatencyStats();
                ReportResult? result = null;
                await runner.RunAsync(report, admin, null, new RunOptions(UseCache: false), default);
                await TypedAsync(connectionString, c.TypedSql);
                for (var i = 0; i < iterations; i++)
                {
                    result = await engine.TimeAsync(() => runner.RunAsync(report, admin, null, new RunOptions(UseCache: false), default));
                    await typed.TimeAsync(() => TypedAsync(connectionString, c.TypedSql));
                }
                var (typedGroups, typedTotal) = await TypedAsync(connectionString, c.TypedSql);
                var engineTotal = result!.Rows.Concat(result.Subtotals).Concat(result.Total is null ? [] : [result.Total]).Sum(r => r.Values[0] ?? 0);
                var same = result.Rows.Count + result.Subtotals.Count + (result.Total is null ? 0 : 1) == typedGroups && Math.Round(engineTotal, 2) == Math.Round(typedTotal, 2);
                var ratio = Math.Round(engine.Median / typed.Median, 2);
                Console.WriteLine($"{c.Name,-20} {engine.Median,9:F1}ms {engine.P95,9:F1}ms {typed.Median,8:F1}ms {typed.P95,8:F1}ms {ratio,6:F2} {typedGroups,7} {same,5}");
                rows.Add(new()
                {
                    ["query"] = c.Name, ["engineMedianMs"] = engine.Median, ["engineP95Ms"] = engine.P95,
                    ["typedMedianMs"] = typed.Median, ["typedP95Ms"] = typed.P95, ["ratio"] = ratio, ["groups"] = typedGroups, ["sameResult"] = same,
                });
            }

            if (args.Rest.Contains("--queries-only"))
            {
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?> { ["benchmark"] = "reports", ["records"] = records, ["iterations"] = iterations, ["queries"] = rows }));
                return 0;
            }
            var dashboard = await DashboardAsync(services, parser, admin, connectionString, iterations);
            var writes = await ReportsBenchmarkWrites.MeasureAsync(connectionString, Option(args, "--write-rows", 20_000), 2_000, 200);
            Console.WriteLine();
            Console.WriteLine($"writes: COPY {writes.BulkRows:N0} rows in batches of 2,000: {writes.BulkProjectedPerSecond:N0}/s with the projection, " +
                $"{writes.BulkPlainPerSecond:N0}/s with its triggers disabled; single INSERT median {writes.SingleProjectedMedianMs:F2} ms vs {writes.SinglePlainMedianMs:F2} ms");
            Console.WriteLine();
            Console.WriteLine($"dashboard ({Cases.Length} widgets): cold {dashboard.Cold:F1} ms; cached reload median {dashboard.Warm.Median:F2} ms, p95 {dashboard.Warm.P95:F2} ms " +
                $"(all widgets from cache: {dashboard.AllCached}); first load after a record change {dashboard.AfterChange:F1} ms (recomputed: {dashboard.Recomputed})");
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["benchmark"] = "reports", ["records"] = records, ["iterations"] = iterations, ["cpus"] = Environment.ProcessorCount,
                ["projectionBuildMs"] = Math.Round(projectionBuild, 1),
                ["queries"] = rows,
                ["writes"] = new Dictionary<string, object?>
                {
                    ["bulkRows"] = writes.BulkRows, ["bulkProjectedPerSecond"] = writes.BulkProjectedPerSecond, ["bulkWithoutProjectionPerSecond"] = writes.BulkPlainPerSecond,
                    ["singleProjectedMedianMs"] = writes.SingleProjectedMedianMs, ["singleWithoutProjectionMedianMs"] = writes.SinglePlainMedianMs,
                },
                ["dashboard"] = new Dictionary<string, object?>
                {
                    ["widgets"] = Cases.Length, ["coldMs"] = Math.Round(dashboard.Cold, 1), ["cachedMedianMs"] = dashboard.Warm.Median, ["cachedP95Ms"] = dashboard.Warm.P95,
                    ["allCached"] = dashboard.AllCached, ["afterChangeMs"] = Math.Round(dashboard.AfterChange, 1), ["recomputedAfterChange"] = dashboard.Recomputed,
                },
            }));
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestPostgres.DropAsync(database);
        }
    }

    private static async Task<(double Cold, LatencyStats Warm, bool AllCached, double AfterChange, bool Recomputed)> DashboardAsync(
        ServiceProvider services, ReportDefinitionParser parser, UserContext admin, string connectionString, int iterations)
    {
        var definitions = services.GetRequiredService<IReportDefinitions>();
        foreach (var c in Cases)
        {
            var report = parser.ParseReport(c.Report);
            await definitions.SaveReportDraftAsync(report, admin, default);
            await definitions.PublishReportAsync(report.App, report.Key, admin, default);
        }
        var widgets = string.Join(",\n", Cases.Select((c, i) =>
            $$"""{"id": "w{{i}}", "report": "{{parser.ParseReport(c.Report).Key}}", "x": {{i % 2 * 6}}, "y": {{i / 2 * 4}}, "w": 6, "h": 4}"""));
        var dashboard = parser.ParseDashboard($$"""{ "app": "bench", "key": "overview", "name": "Overview", "refreshSeconds": 60, "widgets": [{{widgets}}] }""");
        var loader = services.GetRequiredService<IDashboardLoader>();

        var sw = Stopwatch.StartNew();
        await loader.LoadAsync(dashboard, admin, null, "en", default);
        var cold = sw.Elapsed.TotalMilliseconds;
        var warm = new LatencyStats();
        DashboardResult? last = null;
        for (var i = 0; i < Math.Max(iterations, 20); i++)
            last = await warm.TimeAsync(() => loader.LoadAsync(dashboard, admin, null, "en", default));
        var allCached = last!.Widgets.All(w => w.Result?.Cached == true);

        await ReportsBenchmarkData.TouchAsync(connectionString);
        sw.Restart();
        var after = await loader.LoadAsync(dashboard, admin, null, "en", default);
        return (cold, warm, allCached, sw.Elapsed.TotalMilliseconds, after.Widgets.All(w => w.Result?.Cached == false));
    }

    /// <summary>Prints EXPLAIN (ANALYZE, BUFFERS) of the engine's statement and of the typed-table query.</summary>
    private static async Task ExplainAsync(string connectionString, Case c, Platform.Reports.Compilation.CompiledReport compiled)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        async Task Print(string title, string sql, IEnumerable<NpgsqlParameter> parameters)
        {
            Console.WriteLine($"--- {c.Name}: {title}\n{sql}");
            await using var cmd = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, conn) { CommandTimeout = 600 };
            foreach (var p in parameters) cmd.Parameters.Add(p.Clone());
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) Console.WriteLine("  " + reader.GetString(0));
        }
        await Print("engine", compiled.Sql, compiled.Parameters.Items);
        await Print("typed", c.TypedSql, []);
    }

    private static async Task<(int Groups, decimal Total)> TypedAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
        await using var reader = await cmd.ExecuteReaderAsync();
        var groups = 0;
        var total = 0m;
        while (await reader.ReadAsync())
        {
            groups++;
            var last = reader.FieldCount - 1;
            // The first measure is the one compared: the last column, or the one before a trailing count.
            var index = reader.FieldCount == 3 && reader.GetName(2) == "count" ? 1 : last;
            if (!reader.IsDBNull(index)) total += Convert.ToDecimal(reader.GetValue(index), CultureInfo.InvariantCulture);
        }
        return (groups, total);
    }

    private static ServiceProvider Build(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddPlatformDatabase(connectionString);
        services.AddForms();
        services.AddReports();
        services.AddSingleton<IOrgDirectory, EmptyOrgDirectory>();
        return services.BuildServiceProvider();
    }

    private static int Option(BenchmarkArgs args, string name, int fallback)
    {
        var i = args.Rest.ToList().IndexOf(name);
        return i >= 0 && i + 1 < args.Rest.Count && int.TryParse(args.Rest[i + 1], out var v) ? v : fallback;
    }
}
