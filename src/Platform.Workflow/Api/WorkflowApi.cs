using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Workflow.Definitions;
using Platform.Workflow.Jobs;
using Platform.Workflow.Runtime;
using Platform.Workflow.Tasks;

namespace Platform.Workflow.Api;

/// <summary>The workflow REST API under /api/workflow: definitions, starting, webhook, inbox and task actions, instances, incidents.</summary>
public static class WorkflowApi
{
    public static IEndpointRouteBuilder MapWorkflowApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflow").AddEndpointFilter(ErrorsAsProblems);
        MapDefinitions(api.MapGroup("/definitions"));
        MapTasks(api.MapGroup("/tasks"));

        api.MapPost("/definitions/{key}/start", async (string key, StartRequest body, HttpContext http, IWorkflowRuntime runtime, CancellationToken ct) =>
            TypedResults.Ok(new { instanceId = await runtime.StartAsync(key, body.RecordId, body.Variables, await UserAsync(http, ct), ct) }));
        // Inbound webhooks authenticate by HMAC signature (when the start event has a secret), not by a signed-in user.
        app.MapPost("/api/workflow/hooks/{key}", async (string key, HttpRequest request, IWorkflowRuntime runtime, CancellationToken ct) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            var id = await runtime.HandleWebhookAsync(key, buffer.ToArray(), request.Headers["X-Workflow-Signature"].FirstOrDefault(),
                request.Headers["Idempotency-Key"].FirstOrDefault(), ct);
            return TypedResults.Accepted($"/api/workflow/instances/{id}", new { instanceId = id });
        }).AddEndpointFilter(ErrorsAsProblems);
        api.MapGet("/instances", async (string? key, string? status, int? take, HttpContext http, IInstanceView view, CancellationToken ct) =>
            TypedResults.Ok(await view.ListAsync(key, status, await UserAsync(http, ct), take ?? 100, ct)));
        api.MapGet("/instances/{id:guid}", async (Guid id, HttpContext http, IInstanceView view, CancellationToken ct) =>
            TypedResults.Ok(await view.GetAsync(id, await UserAsync(http, ct), ct)));
        api.MapGet("/incidents", async (HttpContext http, IWorkflowIncidents incidents, CancellationToken ct) =>
            TypedResults.Ok(await incidents.ListOpenAsync(await UserAsync(http, ct), ct)));
        api.MapPost("/incidents/{id:guid}/retry", async (Guid id, HttpContext http, IWorkflowIncidents incidents, CancellationToken ct) =>
        {
            await incidents.RetryAsync(id, await UserAsync(http, ct), ct);
            return TypedResults.NoContent();
        });
        api.MapPost("/incidents/{id:guid}/skip", async (Guid id, HttpContext http, IWorkflowIncidents incidents, CancellationToken ct) =>
        {
            await incidents.SkipAsync(id, await UserAsync(http, ct), ct);
            return TypedResults.NoContent();
        });
        return app;
    }

    private static void MapDefinitions(RouteGroupBuilder g)
    {
        g.MapGet("/", async (IWorkflowDefinitions d, CancellationToken ct) => TypedResults.Ok(await d.ListAsync(ct)));
        g.MapPut("/{key}/draft", async (string key, HttpRequest request, HttpContext http, IWorkflowDefinitions d, CancellationToken ct) =>
            TypedResults.Ok(await d.SaveDraftAsync(key, await ReadTextAsync(request, ct), await UserAsync(http, ct), ct)));
        g.MapPost("/import", async (string? key, HttpRequest request, HttpContext http, IWorkflowDefinitions d, CancellationToken ct) =>
            TypedResults.Ok(await d.ImportAsync(await ReadTextAsync(request, ct), key, await UserAsync(http, ct), ct)));
        g.MapPost("/validate", async (HttpRequest request, IWorkflowDefinitions d, CancellationToken ct) =>
            TypedResults.Ok(await d.ValidateAsync(await ReadTextAsync(request, ct), ct)));
        g.MapPost("/{key}/publish", async (string key, HttpContext http, IWorkflowDefinitions d, CancellationToken ct) =>
            TypedResults.Ok(await d.PublishAsync(key, await UserAsync(http, ct), ct)));
        g.MapGet("/{key}/versions", async (string key, IWorkflowDefinitions d, CancellationToken ct) => TypedResults.Ok(await d.VersionsAsync(key, ct)));
        g.MapGet("/{key}/bpmn", async (string key, int? version, IWorkflowDefinitions d, CancellationToken ct) =>
            await d.ExportAsync(key, version, ct) is { } xml ? Results.Text(xml, "application/xml") : Results.NotFound());
    }

    private static void MapTasks(RouteGroupBuilder g)
    {
        g.MapGet("/", async (InboxBox? box, int? skip, int? take, HttpContext http, ITaskInbox inbox, CancellationToken ct) =>
            TypedResults.Ok(await inbox.ListAsync(await UserAsync(http, ct), box ?? InboxBox.Todo, skip ?? 0, take ?? 50, ct)));
        g.MapGet("/counts", async (HttpContext http, ITaskInbox inbox, CancellationToken ct) => TypedResults.Ok(await inbox.CountsAsync(await UserAsync(http, ct), ct)));
        g.MapGet("/notifications", async (int? take, HttpContext http, ITaskInbox inbox, CancellationToken ct) =>
            TypedResults.Ok(await inbox.NotificationsAsync(await UserAsync(http, ct), take ?? 50, ct)));
        g.MapGet("/{id:guid}", async (Guid id, HttpContext http, ITaskInbox inbox, CancellationToken ct) => TypedResults.Ok(await inbox.GetAsync(id, await UserAsync(http, ct), ct)));
        g.MapPost("/{id:guid}/{action}", async (Guid id, string action, TaskActionRequest body, HttpContext http, ITaskActions actions, CancellationToken ct) =>
        {
            var user = await UserAsync(http, ct);
            switch (action)
            {
                case "approve": await actions.ApproveAsync(id, user, body.Comment, body.Fields, ct); break;
                case "reject": await actions.RejectAsync(id, user, body.Comment, ct); break;
                case "return": await actions.ReturnAsync(id, user, body.TargetNodeId ?? "", body.Comment, ct); break;
                case "transfer": await actions.TransferAsync(id, user, body.UserId ?? Guid.Empty, body.Comment, ct); break;
                case "add-signer": await actions.AddSignerAsync(id, user, body.UserId ?? Guid.Empty, body.Comment, ct); break;
                case "comment": await actions.CommentAsync(id, user, body.Comment ?? "", ct); break;
                default: return Results.Problem(statusCode: 404, title: $"Unknown task action '{action}'. / 未知的任务操作。");
            }
            return Results.NoContent();
        });
    }

    private static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(ct);
    }

    private static async Task<UserContext> UserAsync(HttpContext http, CancellationToken ct) =>
        await http.RequestServices.GetRequiredService<IUserContextResolver>().ResolveAsync(http.User, ct)
            ?? throw new UnauthorizedAccessException("Sign in first. / 请先登录。");

    /// <summary>Engine errors become RFC 9457 problem details with the en and zh-CN messages.</summary>
    private static async ValueTask<object?> ErrorsAsProblems(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (WorkflowDefinitionException e)
        {
            return Results.Problem(statusCode: 422, title: "Invalid workflow definition / 流程定义不合法", detail: e.Message,
                extensions: new Dictionary<string, object?> { ["errors"] = e.Errors });
        }
        catch (Exception e) when (StatusOf(e) is { } status)
        {
            return Results.Problem(statusCode: status, detail: e.Message);
        }
    }

    private static int? StatusOf(Exception e) => e switch
    {
        UnauthorizedAccessException => 401,
        WorkflowAccessDeniedException => 403,
        WorkflowNotFoundException => 404,
        TaskActionException { InvalidInput: true } => 400,
        TaskActionException => 409,
        WorkflowStepException => 400,
        _ => null,
    };
}

public sealed record StartRequest(Guid? RecordId, JsonObject? Variables);

public sealed record TaskActionRequest(string? Comment, JsonObject? Fields, string? TargetNodeId, Guid? UserId);
