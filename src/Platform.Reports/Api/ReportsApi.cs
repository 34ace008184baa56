using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Reports.Dashboards;
using Platform.Reports.Definitions;
using Platform.Reports.Export;
using Platform.Reports.Running;

namespace Platform.Reports.Api;

public static class ReportsApi
{
    /// <summary>Maps the reports REST API under <c>/api/reports</c>: definitions, versions, runs, drill-down, export, dashboards.</summary>
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reports/apps/{app}").WithTags("Reports").RequireAuthorization();
        api.MapGet("/definitions", ListAsync);
        DefinitionEndpoints.Map(api);
        api.MapPost("/reports/{key}/run", RunAsync);
        api.MapPost("/reports/preview", PreviewAsync);
        api.MapPost("/reports/{key}/drill", DrillAsync);
        api.MapPost("/reports/{key}/export", ExportAsync);
        api.MapPost("/dashboards/{key}/load", LoadDashboardAsync);
        api.MapPost("/dashboards/{key}/widgets/{widget}/drill", DrillWidgetAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(string app, HttpContext http, IReportDefinitions definitions, CancellationToken ct) =>
        await ApiContext.UserAsync(http, ct) is null ? TypedResults.Unauthorized() : TypedResults.Ok(await definitions.ListAsync(app, ct));

    private static Task<IResult> RunAsync(string app, string key, RunRequest? body, HttpContext http, IReportDefinitions definitions, IReportRunner runner, CancellationToken ct) =>
        WithReport(app, key, http, definitions, ct, async (report, user) =>
            TypedResults.Ok(await runner.RunAsync(report, user, body?.Parameters, new RunOptions(ApiContext.Culture(http), true, body?.Chart), ct)));

    private static async Task<IResult> PreviewAsync(string app, PreviewRequest body, HttpContext http, ReportDefinitionParser parser, IReportRunner runner, CancellationToken ct)
    {
        if (await ApiContext.UserAsync(http, ct) is not { } user) return TypedResults.Unauthorized();
        if (!ApiContext.CanDesign(http, user)) return TypedResults.Forbid();
        try
        {
            body.Definition["app"] = app;
            var report = parser.ParseReport(body.Definition.ToJsonString());
            return TypedResults.Ok(await runner.RunAsync(report, user, body.Parameters, new RunOptions(ApiContext.Culture(http), false), ct));
        }
        catch (ReportException e) { return ApiContext.Problem(e, http); }
    }

    private static Task<IResult> DrillAsync(string app, string key, DrillRequest body, HttpContext http, IReportDefinitions definitions, IReportRunner runner, CancellationToken ct) =>
        WithReport(app, key, http, definitions, ct, async (report, user) =>
            TypedResults.Ok(await runner.DrillAsync(report, user, body.Parameters, body.Keys, body.Limit, ct)));

    private static Task<IResult> ExportAsync(string app, string key, string? format, RunRequest? body, HttpContext http, IReportDefinitions definitions,
        IReportRunner runner, ReportExporter exporter, CancellationToken ct) =>
        WithReport(app, key, http, definitions, ct, async (report, user) =>
        {
            var result = await runner.RunAsync(report, user, body?.Parameters, new RunOptions(ApiContext.Culture(http), true, "table"), ct);
            var stream = new MemoryStream();
            var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
            if (csv) await exporter.WriteCsvAsync(result, stream, ct);
            else await exporter.WriteXlsxAsync(result, stream, ct);
            stream.Position = 0;
            return TypedResults.File(stream,
                csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                $"{report.Key}.{(csv ? "csv" : "xlsx")}");
        });

    private static async Task<IResult> LoadDashboardAsync(string app, string key, DashboardRequest? body, HttpContext http, IReportDefinitions definitions,
        IDashboardLoader loader, CancellationToken ct)
    {
        if (await ApiContext.UserAsync(http, ct) is not { } user) return TypedResults.Unauthorized();
        var dashboard = await definitions.GetDashboardAsync(app, key, null, ct);
        if (dashboard is null) return TypedResults.NotFound();
        try { return TypedResults.Ok(await loader.LoadAsync(dashboard, user, body?.Filters, ApiContext.Culture(http), ct)); }
        catch (ReportException e) { return ApiContext.Problem(e, http); }
    }

    private static async Task<IResult> DrillWidgetAsync(string app, string key, string widget, DashboardRequest body, HttpContext http,
        IReportDefinitions definitions, IDashboardLoader loader, IReportRunner runner, CancellationToken ct)
    {
        if (await ApiContext.UserAsync(http, ct) is not { } user) return TypedResults.Unauthorized();
        var dashboard = await definitions.GetDashboardAsync(app, key, null, ct);
        var w = dashboard?.Widgets.FirstOrDefault(x => x.Id == widget);
        if (dashboard is null || w is null) return TypedResults.NotFound();
        var report = await definitions.GetReportAsync(app, w.Report, null, ct);
        if (report is null) return TypedResults.NotFound();
        try { return TypedResults.Ok(await runner.DrillAsync(report, user, loader.WidgetParameters(dashboard, w, body.Filters), body.Keys ?? [], body.Limit, ct)); }
        catch (ReportException e) { return ApiContext.Problem(e, http); }
    }

    private static async Task<IResult> WithReport(string app, string key, HttpContext http, IReportDefinitions definitions, CancellationToken ct,
        Func<ReportDefinition, Platform.Core.Organization.UserContext, Task<IResult>> action)
    {
        if (await ApiContext.UserAsync(http, ct) is not { } user) return TypedResults.Unauthorized();
        var version = int.TryParse(http.Request.Query["version"], out var v) ? v : (int?)null;
        var report = await definitions.GetReportAsync(app, key, version, ct);
        if (report is null) return TypedResults.NotFound();
        try { return await action(report, user); }
        catch (ReportException e) { return ApiContext.Problem(e, http); }
    }
}
