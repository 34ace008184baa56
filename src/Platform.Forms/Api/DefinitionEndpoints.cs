using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.Forms.Apps;
using Platform.Forms.Definitions;

namespace Platform.Forms.Api;

/// <summary>Apps and form definitions: drafts, publishing, versions and the record data schema. Designing needs an administrator.</summary>
internal static class DefinitionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var apps = api.MapGroup("/apps").WithTags("Apps");
        apps.MapGet("/", async (IFormDefinitions defs, CancellationToken ct) => TypedResults.Ok(await defs.ListAppsAsync(ct))).WithName("ListApps");
        apps.MapPut("/{app}", SaveAppAsync).WithName("SaveApp");

        api.MapGet("/forms/definition-schema", () => TypedResults.Text(RecordSchema.DefinitionDocumentSchema, "application/schema+json"))
            .WithTags("Form definitions").WithName("GetFormDefinitionSchema").WithSummary("JSON Schema of form definition documents.");

        var forms = api.MapGroup("/apps/{app}/forms").WithTags("Form definitions");
        forms.MapGet("/", async (string app, IFormDefinitions defs, CancellationToken ct) => TypedResults.Ok(await defs.ListFormsAsync(app, ct))).WithName("ListForms");
        forms.MapGet("/{form}", GetPublishedAsync).WithName("GetForm").WithSummary("The published definition records are written against.");
        forms.MapGet("/{form}/schema", GetSchemaAsync).WithName("GetFormDataSchema").WithSummary("JSON Schema of the record data.");
        forms.MapGet("/{form}/draft", GetDraftAsync).WithName("GetFormDraft");
        forms.MapPut("/{form}/draft", SaveDraftAsync).WithName("SaveFormDraft").Accepts<FormDefinition>("application/json");
        forms.MapPost("/{form}/publish", PublishAsync).WithName("PublishForm");
        forms.MapGet("/{form}/versions", async (string app, string form, IFormDefinitions defs, CancellationToken ct) =>
            TypedResults.Ok(await defs.ListVersionsAsync(app, form, ct))).WithName("ListFormVersions");
        forms.MapGet("/{form}/versions/{version:int}", GetVersionAsync).WithName("GetFormVersion");
    }

    private static async Task<Results<Ok<AppInfo>, ValidationProblem, ProblemHttpResult>> SaveAppAsync(HttpContext http, string app, AppInfo body,
        IFormDefinitions defs, CancellationToken ct)
    {
        if (!ActingUser.Get(http).IsAdministrator) return Problems.Forbidden("Only administrators may change apps.", "只有管理员可以修改应用。");
        try { return TypedResults.Ok(await defs.SaveAppAsync(body with { Key = app }, ct)); }
        catch (DefinitionException e) { return Problems.Definition(e); }
    }

    private static async Task<Results<Ok<FormDefinition>, ProblemHttpResult>> GetPublishedAsync(string app, string form, IFormDefinitions defs, CancellationToken ct) =>
        await defs.GetPublishedAsync(app, form, ct) is { } d ? TypedResults.Ok(d) : Problems.NotFound("The published form / 已发布的表单");

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> GetSchemaAsync(string app, string form, IFormDefinitions defs, RecordSchema schemas, CancellationToken ct) =>
        await defs.GetPublishedAsync(app, form, ct) is { } d ? TypedResults.Ok(schemas.Build(d)) : Problems.NotFound("The published form / 已发布的表单");

    private static async Task<Results<Ok<FormDefinition>, ProblemHttpResult>> GetDraftAsync(HttpContext http, string app, string form, IFormDefinitions defs, CancellationToken ct)
    {
        if (!ActingUser.Get(http).IsAdministrator) return Problems.Forbidden("Only administrators may see drafts.", "只有管理员可以查看草稿。");
        return await defs.GetDraftAsync(app, form, ct) is { } d ? TypedResults.Ok(d) : Problems.NotFound("The draft / 草稿");
    }

    private static async Task<Results<Ok<FormDefinition>, ValidationProblem, ProblemHttpResult>> SaveDraftAsync(HttpContext http, string app, string form,
        IFormDefinitions defs, FormDefinitionParser parser, CancellationToken ct)
    {
        var user = ActingUser.Get(http);
        if (!user.IsAdministrator) return Problems.Forbidden("Only administrators may design forms.", "只有管理员可以设计表单。");
        using var reader = new StreamReader(http.Request.Body);
        var json = await reader.ReadToEndAsync(ct);
        try
        {
            var node = JsonNode.Parse(json) as JsonObject ?? throw new DefinitionException(["The body must be a JSON object."]);
            node["app"] = app;
            node["key"] = form;
            return TypedResults.Ok(await defs.SaveDraftAsync(parser.Parse(node.ToJsonString()), user, ct));
        }
        catch (JsonException e) { return Problems.Definition(new DefinitionException([$"Not valid JSON: {e.Message}"])); }
        catch (DefinitionException e) { return Problems.Definition(e); }
    }

    private static async Task<Results<Ok<FormDefinition>, ValidationProblem, ProblemHttpResult>> PublishAsync(HttpContext http, string app, string form,
        IFormDefinitions defs, CancellationToken ct)
    {
        var user = ActingUser.Get(http);
        if (!user.IsAdministrator) return Problems.Forbidden("Only administrators may publish forms.", "只有管理员可以发布表单。");
        try { return TypedResults.Ok(await defs.PublishAsync(app, form, user, ct)); }
        catch (DefinitionException e) { return Problems.Definition(e); }
    }

    private static async Task<Results<Ok<FormDefinition>, ProblemHttpResult>> GetVersionAsync(string app, string form, int version, IFormDefinitions defs, CancellationToken ct) =>
        await defs.GetVersionAsync(app, form, version, ct) is { } d ? TypedResults.Ok(d) : Problems.NotFound("The version / 版本");
}
