using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Reports.Definitions;
using Platform.Reports.Storage;

namespace Platform.Reports.Api;

/// <summary>CRUD and versions of report and dashboard definitions; writing needs a designer role.</summary>
internal static class DefinitionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/reports/{key}", async (string app, string key, int? version, HttpContext http, IReportDefinitions d, CancellationToken ct) =>
            await Signed(http, ct) ?? Found(await d.GetReportAsync(app, key, version, ct)));
        api.MapGet("/reports/{key}/draft", async (string app, string key, HttpContext http, IReportDefinitions d, CancellationToken ct) =>
            await Signed(http, ct) ?? Found(await d.GetReportDraftAsync(app, key, ct)));
        api.MapPut("/reports/{key}", (string app, string key, HttpContext http, IReportDefinitions d, ReportDefinitionParser parser, CancellationToken ct) =>
            Design(http, ct, async user =>
            {
                var report = parser.ParseReport(await Body(http, app, key, ct));
                return TypedResults.Ok(await d.SaveReportDraftAsync(report, user, ct));
            }));
        api.MapPost("/reports/{key}/publish", (string app, string key, HttpContext http, IReportDefinitions d, CancellationToken ct) =>
            Design(http, ct, async user => TypedResults.Ok(await d.PublishReportAsync(app, key, user, ct))));
        api.MapGet("/reports/{key}/versions", async (string app, string key, HttpContext http, IReportDefinitions d, CancellationToken ct) =>
            await Signed(http, ct) ?? TypedResults.Ok(await d.ListVersionsAsync(DefinitionKinds.Report, app, key, ct)));
        api.MapDelete("/reports/{key}", (string app, string key, HttpContext http, IReportDefinitions d, CancellationToken ct) =>
            Design(http, ct, async _ => await d.DeleteAsync(DefinitionKinds.Report, app, key, ct) ? TypedResults.NoContent() : TypedResults.NotFound()));

        api.MapGet("/dashboards/{key}", async (string app, string key, int? version, HttpContext http, IReportDefinitions d, CancellationToken ct) =>
            await Signed(http, ct) ?? Found(await d.GetDashboardAsync(app, key, version, ct)));
        api.MapGet("/dashboards/{key}/draft", async (string app, string key, HttpContext http, IReportDefinitions d, CancellationToken ct) =>
            await Signed(http, ct) ?? Found(await d.GetDashboardDraftAsync(app, key, ct)));
        api.MapPut("/dashboards/{key}", (string app, string key, HttpContext http, IReportDefinitions d, ReportDefinitionParser parser, CancellationToken ct) =>
            Design(http, ct, async user =>
            {
                var dashboard = parser.ParseDashboard(await Body(http, app, key, ct));
                return TypedResults.Ok(await d.SaveDashboardDraftAsync(dashboard, user, ct));
            }));
        api.MapPost("/dashboards/{key}/publish", (string app, string key, HttpContext http, IReportDefinitions d, CancellationToken ct) =>
            Design(http, ct, async user => TypedResults.Ok(await d.PublishDashboardAsync(app, key, user, ct))));
        api.MapGet("/dashboards/{key}/versions", async (string app, string key, HttpContext http, IReportDefinitions d, CancellationToken ct) =>
            await Signed(http, ct) ?? TypedResults.Ok(await d.ListVersionsAsync(DefinitionKinds.Dashboard, app, key, ct)));
        api.MapDelete("/dashboards/{key}", (string app, string key, HttpContext http, IReportDefinitions d, CancellationToken ct) =>
            Design(http, ct, async _ => await d.DeleteAsync(DefinitionKinds.Dashboard, app, key, ct) ? TypedResults.NoContent() : TypedResults.NotFound()));
    }

    private static async Task<IResult?> Signed(HttpContext http, CancellationToken ct) =>
        await ApiContext.UserAsync(http, ct) is null ? TypedResults.Unauthorized() : null;

    private static IResult Found<T>(T? value) where T : class => value is null ? TypedResults.NotFound() : TypedResults.Ok(value);

    private static async Task<IResult> Design(HttpContext http, CancellationToken ct, Func<Platform.Core.Organization.UserContext, Task<IResult>> action)
    {
        if (await ApiContext.UserAsync(http, ct) is not { } user) return TypedResults.Unauthorized();
        if (!ApiContext.CanDesign(http, user)) return TypedResults.Forbid();
        try { return await action(user); }
        catch (ReportException e) { return ApiContext.Problem(e, http); }
    }

    /// <summary>The body with app and key taken from the route, so a definition cannot be saved under another name.</summary>
    private static async Task<string> Body(HttpContext http, string app, string key, CancellationToken ct)
    {
        var text = await ApiContext.BodyAsync(http.Request, ct);
        JsonNode? node;
        try { node = JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException e) { throw new ReportException("", $"The body is not JSON: {e.Message}", $"请求内容不是 JSON：{e.Message}"); }
        if (node is not JsonObject o) throw new ReportException("", "The body must be a JSON object.", "请求内容必须是 JSON 对象。");
        o["app"] = app;
        o["key"] = key;
        return o.ToJsonString();
    }
}
