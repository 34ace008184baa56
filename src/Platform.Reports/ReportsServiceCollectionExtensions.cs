using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Core.Database;
using Platform.Core.Expressions;
using Platform.Reports.Access;
using Platform.Reports.Caching;
using Platform.Reports.Charts;
using Platform.Reports.Compilation;
using Platform.Reports.Dashboards;
using Platform.Reports.Definitions;
using Platform.Reports.Definitions.Store;
using Platform.Reports.Export;
using Platform.Reports.Projections;
using Platform.Reports.Running;
using Platform.Reports.Sources;
using Platform.Reports.Storage;

namespace Platform.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>Registers the report engine: definitions and migrations, compiler, chart types, runner, cache, dashboards, export. Needs AddForms().</summary>
    public static IServiceCollection AddReports(this IServiceCollection services, Action<ReportsOptions>? configure = null)
    {
        var options = services.AddOptions<ReportsOptions>();
        if (configure is not null) options.Configure(configure);
        services.AddExpressionSandbox();
        services.AddPlatformDbContext<ReportsDbContext>(ReportsDbContext.Schema, 300);
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp => new ReportClock(sp.GetRequiredService<TimeProvider>(),
            TimeZoneInfo.FindSystemTimeZoneById(sp.GetRequiredService<IOptions<ReportsOptions>>().Value.TimeZone)));
        services.TryAddSingleton<FormSchemaMapper>();
        services.TryAddSingleton<ISourceSchemas, FormsSourceSchemas>();
        services.TryAddSingleton<IReportAccess, FormsReportAccess>();
        services.TryAddSingleton<ProjectionManager>();
        services.TryAddSingleton<ReportCompiler>();
        services.TryAddSingleton<ReportExecutor>();
        services.TryAddSingleton<CellLabeler>();
        services.TryAddSingleton<ResultBuilder>();
        services.TryAddSingleton<ChangeStamps>();
        services.TryAddSingleton(sp => new ReportResultCache(
            new MemoryCache(new MemoryCacheOptions { SizeLimit = sp.GetRequiredService<IOptions<ReportsOptions>>().Value.CacheSizeRows }),
            sp.GetRequiredService<ChangeStamps>()));
        services.TryAddSingleton<IReportRunner, ReportRunner>();
        services.TryAddSingleton<ReportDefinitionValidator>();
        services.TryAddSingleton(sp => new ReportDefinitionParser(sp.GetRequiredService<ChartRegistry>(), sp.GetRequiredService<ReportDefinitionValidator>()));
        services.TryAddSingleton<ReportChecker>();
        services.TryAddSingleton<PublishedDefinitionCache>();
        services.TryAddSingleton<IReportDefinitions, ReportDefinitionStore>();
        services.TryAddSingleton<IDashboardLoader, DashboardLoader>();
        services.TryAddSingleton<ReportExporter>();
        AddChartTypes(services);
        return services;
    }

    private static void AddChartTypes(IServiceCollection services)
    {
        IChartType[] types =
        [
            new ColumnChart(), new BarChart(), new StackedColumnChart(), new PercentStackedChart(), new LineChart(), new AreaChart(),
            new ComboChart(), new PieChart(), new DonutChart(), new FunnelChart(), new RankingChart(), new KpiChart(), new TableChart(),
            new PivotChart(), new HeatmapChart(), new ChinaMapChart(), new ScatterChart(), new RadarChart(), new GaugeChart(), new TreemapChart(),
        ];
        foreach (var type in types) services.AddSingleton(type);
        services.TryAddSingleton(sp => new ChartRegistry(sp.GetServices<IChartType>()));
    }
}
