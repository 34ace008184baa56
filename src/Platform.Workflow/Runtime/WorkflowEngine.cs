using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Core.Expressions;
using Platform.Workflow.Actions;
using Platform.Workflow.Definitions;
using Platform.Workflow.Jobs;
using Platform.Workflow.Records;
using Platform.Workflow.Tasks;
using Platform.Workflow.Timers;

namespace Platform.Workflow.Runtime;

/// <summary>
/// The token interpreter. Every call runs inside the caller's transaction with the instance row locked, so a step's
/// state change, its history and the jobs it schedules commit together or not at all.
/// </summary>
internal sealed partial class WorkflowEngine(
    ModelCache models,
    IWorkflowRecords records,
    IExpressionSandbox sandbox,
    TaskManager tasks,
    ActionExecutor actions,
    TimerCalculator timers,
    ILogger<WorkflowEngine> logger)
{
    public async Task<Guid> StartAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid versionId, string? startNodeId, Guid? recordId,
        JsonObject variables, Guid startedBy, DateTimeOffset now, CancellationToken ct)
    {
        var model = await models.GetAsync(conn, tx, versionId, ct);
        var start = startNodeId is null ? model.StartEvents.First() : model.Node(startNodeId);
        var trigger = start.Trigger;
        var (key, version) = await conn.QuerySingleAsync<(string, int)>(new CommandDefinition(
            "SELECT key, version FROM workflow.definition_versions WHERE id = @versionId", new { versionId }, tx, cancellationToken: ct));
        string? app = trigger?.AppKey, form = trigger?.FormKey;
        if (recordId is { } rid && app is null)
        {
            var record = await records.GetAsync(conn, tx, rid, ct) ?? throw new WorkflowRecordNotFoundException(rid);
            (app, form) = (record.AppKey, record.FormKey);
        }
        var id = Guid.CreateVersion7(now);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflow.instances (id, version_id, definition_key, version, status, app_key, form_key, record_id, variables, started_by, started_at)
            VALUES (@id, @versionId, @key, @version, 'running', @app, @form, @recordId, @vars::jsonb, @startedBy, @now)
            """, new { id, versionId, key, version, app, form, recordId, vars = variables.ToJsonString(), startedBy, now }, tx, cancellationToken: ct));
        var instance = new InstanceRow(id, versionId, key, version, InstanceStatus.Running, app, form, recordId, variables.ToJsonString(),
            startedBy, now.UtcDateTime, null, null, null);
        var ctx = new StepContext(conn, tx, instance, model, now, ct);
        var token = await NewTokenAsync(ctx, start.Id);
        ctx.Pending.Enqueue((token, start.Id));
        await RunAsync(ctx);
        return id;
    }

    /// <summary>Locks a running instance for a step; null when it has ended.</summary>
    public async Task<StepContext?> OpenStepAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid instanceId, DateTimeOffset now, CancellationToken ct)
    {
        var instance = await conn.QuerySingleOrDefaultAsync<InstanceRow>(new CommandDefinition(
            $"SELECT {InstanceRow.Columns} FROM workflow.instances WHERE id = @instanceId FOR UPDATE", new { instanceId }, tx, cancellationToken: ct));
        if (instance is null || instance.Status != InstanceStatus.Running) return null;
        var model = await models.GetAsync(conn, tx, instance.VersionId, ct);
        return new StepContext(conn, tx, instance, model, now, ct);
    }

    /// <summary>Moves every pending token as far as it goes, then saves variables and completes the instance if nothing is left.</summary>
    public async Task RunAsync(StepContext ctx)
    {
        while (!ctx.Ended && ctx.Pending.TryDequeue(out var next))
            await EnterGuardedAsync(ctx, next.TokenId, ctx.Model.Node(next.NodeId));
        if (ctx.VariablesChanged)
            await ctx.Conn.ExecuteAsync(new CommandDefinition("UPDATE workflow.instances SET variables = @vars::jsonb WHERE id = @id",
                new { vars = ctx.Variables.ToJsonString(), id = ctx.Instance.Id }, ctx.Tx, cancellationToken: ctx.Ct));
        if (ctx.Ended) return;
        var live = await ctx.Conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM workflow.tokens WHERE instance_id = @id AND status IN ('active', 'waiting', 'joined')",
            new { id = ctx.Instance.Id }, ctx.Tx, cancellationToken: ctx.Ct));
        if (live == 0) await EndInstanceAsync(ctx, InstanceStatus.Completed, null, null);
    }

    private async Task EnterGuardedAsync(StepContext ctx, Guid tokenId, FlowNode node)
    {
        if (node.Kind is NodeKind.StartEvent or NodeKind.EndEvent or NodeKind.ParallelGateway)
        {
            await EnterAsync(ctx, tokenId, node);
            return;
        }
        var variables = ctx.Variables.ToJsonString();
        var pending = ctx.Pending.ToArray();
        await ctx.Tx.SaveAsync("node", ctx.Ct);
        try
        {
            await EnterAsync(ctx, tokenId, node);
            await ctx.Tx.ReleaseAsync("node", ctx.Ct);
        }
        catch (Exception e) when (IsStepFailure(e))
        {
            await ctx.Tx.RollbackAsync("node", ctx.Ct);
            RestoreVariables(ctx, variables);
            ctx.Pending.Clear();
            foreach (var p in pending) ctx.Pending.Enqueue(p);
            if (!await CatchErrorAsync(ctx, tokenId, node, ErrorCodeOf(e), e.Message))
                await RaiseIncidentAsync(ctx, tokenId, node, e);
        }
    }

    /// <summary>The code an error boundary event matches a failure by (errorCode of the bpmn:error it references).</summary>
    internal static string ErrorCodeOf(Exception e) => e switch
    {
        WorkflowRecordRejectedException or WorkflowRecordNotFoundException => "record",
        ExpressionException => "script",
        WorkflowStepException => "step",
        _ => "error",
    };

    /// <summary>
    /// Routes a failed task to its error boundary event (one whose code matches, else one without a code): the task is
    /// interrupted, the error is kept as variables, and the token leaves through the boundary. False when nothing catches it.
    /// </summary>
    public async Task<bool> CatchErrorAsync(StepContext ctx, Guid tokenId, FlowNode node, string code, string message)
    {
        var boundaries = ctx.Model.BoundariesOf(node.Id).Where(b => b.CatchesErrors).ToList();
        var boundary = boundaries.FirstOrDefault(b => b.ErrorCode == code) ?? boundaries.FirstOrDefault(b => b.ErrorCode is null);
        if (boundary is null) return false;
        await tasks.CancelForTokenAsync(ctx, tokenId, "error");
        await JobStore.DeleteForTokenAsync(ctx.Conn, ctx.Tx, tokenId, ctx.Ct);
        var error = new JsonObject { ["code"] = code, ["message"] = message, ["node"] = node.Id };
        ctx.SetVariable("error", error);
        ctx.SetVariable(boundary.Id + "_error", error.DeepClone());
        await HistoryAsync(ctx, tokenId, node.Id, "interrupted", $"{boundary.Id}: {code}: {message}");
        await HistoryAsync(ctx, tokenId, boundary.Id, "fired", code);
        await SetTokenAsync(ctx, tokenId, boundary.Id, "active");
        await LeaveAsync(ctx, tokenId, boundary);
        return true;
    }

    internal static bool IsStepFailure(Exception e) => e is ExpressionException or WorkflowStepException or WorkflowRecordNotFoundException or WorkflowRecordRejectedException
        or System.Text.Json.JsonException or FormatException or InvalidOperationException;

    private static void RestoreVariables(StepContext ctx, string json)
    {
        ctx.Variables.Clear();
        foreach (var (k, v) in JsonNode.Parse(json)!.AsObject()) ctx.Variables[k] = v?.DeepClone();
    }

    private async Task RaiseIncidentAsync(StepContext ctx, Guid tokenId, FlowNode node, Exception e)
    {
        logger.LogWarning(e, "Workflow {Key} instance {Instance} failed at {Node}", ctx.Instance.DefinitionKey, ctx.Instance.Id, node.Id);
        await SetTokenAsync(ctx, tokenId, node.Id, "waiting");
        var key = $"node:{tokenId}:{node.Id}:{Guid.NewGuid():N}";
        await JobStore.InsertAsync(ctx.Conn, ctx.Tx, JobKinds.Node, ctx.Instance.Id, tokenId, node.Id, ctx.Now, [], key, 1, ctx.Now, ctx.Ct, "incident", e.Message);
        await ctx.Conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflow.incidents (id, job_id, instance_id, node_id, kind, error, created_at)
            SELECT @id, j.id, @instanceId, @nodeId, 'node', @error, @now FROM workflow.jobs j WHERE j.idempotency_key = @key
            """, new { id = Guid.CreateVersion7(ctx.Now), instanceId = ctx.Instance.Id, nodeId = node.Id, error = e.Message, now = ctx.Now, key },
            ctx.Tx, cancellationToken: ctx.Ct));
        await HistoryAsync(ctx, tokenId, node.Id, "incident", e.Message);
    }

    private async Task EnterAsync(StepContext ctx, Guid tokenId, FlowNode node)
    {
        await HistoryAsync(ctx, tokenId, node.Id, "entered", null);
        switch (node.Kind)
        {
            case NodeKind.StartEvent:
                await LeaveAsync(ctx, tokenId, node);
                break;
            case NodeKind.EndEvent:
                await EndEventAsync(ctx, tokenId, node);
                break;
            case NodeKind.ExclusiveGateway:
                await LeaveAsync(ctx, tokenId, node, await ChooseExclusiveAsync(ctx, node));
                break;
            case NodeKind.ParallelGateway:
                await ParallelAsync(ctx, tokenId, node);
                break;
            case NodeKind.UserTask:
                await SetTokenAsync(ctx, tokenId, node.Id, "waiting");
                await tasks.CreateAsync(ctx, tokenId, node);
                await ScheduleBoundariesAsync(ctx, tokenId, node);
                break;
            case NodeKind.ServiceTask:
                if (await actions.ExecuteAsync(ctx, tokenId, node)) await LeaveAsync(ctx, tokenId, node);
                else
                {
                    await SetTokenAsync(ctx, tokenId, node.Id, "waiting");
                    await ScheduleBoundariesAsync(ctx, tokenId, node);
                }
                break;
            case NodeKind.ScriptTask:
                await RunScriptAsync(ctx, node);
                await LeaveAsync(ctx, tokenId, node);
                break;
            case NodeKind.IntermediateCatchEvent:
                await CatchAsync(ctx, tokenId, node);
                break;
            default:
                throw new WorkflowStepException($"Node kind {node.Kind} cannot be entered by a flow.");
        }
    }
}

/// <summary>A step failed for a reason the admin can act on (no approver, no gateway path, a bad value).</summary>
public sealed class WorkflowStepException(string message) : Exception(message);
