using System.Text.Json.Nodes;
using Dapper;
using Platform.Workflow.Definitions;
using Platform.Workflow.Jobs;

namespace Platform.Workflow.Runtime;

internal sealed partial class WorkflowEngine
{
    private async Task CatchAsync(StepContext ctx, Guid tokenId, FlowNode node)
    {
        if (node.Timer is not null)
        {
            var due = await timers.FirstDueAsync(ctx, node.Timer);
            await SetTokenAsync(ctx, tokenId, node.Id, "waiting");
            await JobStore.InsertAsync(ctx.Conn, ctx.Tx, JobKinds.Timer, ctx.Instance.Id, tokenId, node.Id, due, [],
                $"timer:{tokenId}:{node.Id}:{Guid.NewGuid():N}", 5, ctx.Now, ctx.Ct);
        }
        else if (await ConditionHoldsAsync(ctx, node))
        {
            await LeaveAsync(ctx, tokenId, node);
            return;
        }
        else
        {
            await SetTokenAsync(ctx, tokenId, node.Id, "waiting");
            await ScheduleConditionAsync(ctx, tokenId, node);
        }
        await ScheduleBoundariesAsync(ctx, tokenId, node);
    }

    private Task ScheduleConditionAsync(StepContext ctx, Guid tokenId, FlowNode node) =>
        JobStore.InsertAsync(ctx.Conn, ctx.Tx, JobKinds.Condition, ctx.Instance.Id, tokenId, node.Id, ctx.Now + node.PollInterval, [],
            $"condition:{tokenId}:{node.Id}:{Guid.NewGuid():N}", 5, ctx.Now, ctx.Ct);

    private async Task<bool> ConditionHoldsAsync(StepContext ctx, FlowNode node)
    {
        ctx.ForgetRecord();
        var scope = ExpressionScope.Build(ctx.Variables, await ctx.RecordAsync(records), ctx.Now);
        return sandbox.EvaluateCondition(node.WaitCondition!, scope, ctx.Ct);
    }

    private async Task ScheduleBoundariesAsync(StepContext ctx, Guid tokenId, FlowNode host)
    {
        foreach (var boundary in ctx.Model.BoundariesOf(host.Id).Where(b => b.Timer is not null))
        {
            var due = await timers.FirstDueAsync(ctx, boundary.Timer!);
            await JobStore.InsertAsync(ctx.Conn, ctx.Tx, JobKinds.Boundary, ctx.Instance.Id, tokenId, boundary.Id, due,
                new JsonObject { ["fired"] = 0 }, $"boundary:{tokenId}:{boundary.Id}:0:{Guid.NewGuid():N}", 5, ctx.Now, ctx.Ct);
        }
    }

    private async Task RunScriptAsync(StepContext ctx, FlowNode node)
    {
        var scope = ExpressionScope.Build(ctx.Variables, await ctx.RecordAsync(records), ctx.Now);
        var result = sandbox.Evaluate(node.Script!, scope, ctx.Ct);
        if (result is JsonObject obj)
            foreach (var (k, v) in obj) ctx.SetVariable(k, v?.DeepClone());
        else
            ctx.SetVariable(node.Id + "_result", result?.DeepClone());
    }

    private async Task<TokenRow?> WaitingTokenAsync(StepContext ctx, Guid? tokenId, string nodeId)
    {
        var token = await ctx.Conn.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(
            $"SELECT {TokenRow.Columns} FROM workflow.tokens WHERE id = @tokenId", new { tokenId }, ctx.Tx, cancellationToken: ctx.Ct));
        return token is { Status: "waiting" } && token.NodeId == nodeId ? token : null;
    }

    /// <summary>Runs a due job of this instance (timer, boundary, condition, retried node) inside the step.</summary>
    public async Task<string> FireAsync(StepContext ctx, JobRow job)
    {
        var node = ctx.Model.Node(job.NodeId!);
        switch (job.Kind)
        {
            case JobKinds.Timer:
                if (await WaitingTokenAsync(ctx, job.TokenId, node.Id) is null) return "stale";
                await HistoryAsync(ctx, job.TokenId, node.Id, "fired", null);
                await LeaveAsync(ctx, job.TokenId!.Value, node);
                break;
            case JobKinds.Condition:
                if (await WaitingTokenAsync(ctx, job.TokenId, node.Id) is null) return "stale";
                if (await ConditionHoldsAsync(ctx, node)) await LeaveAsync(ctx, job.TokenId!.Value, node);
                else
                {
                    await ScheduleConditionAsync(ctx, job.TokenId!.Value, node);
                    return "rechecked";
                }
                break;
            case JobKinds.Boundary:
                if (await WaitingTokenAsync(ctx, job.TokenId, node.AttachedTo!) is null) return "stale";
                await FireBoundaryAsync(ctx, job, node);
                break;
            case JobKinds.Node:
                if (await WaitingTokenAsync(ctx, job.TokenId, node.Id) is null) return "stale";
                if (job.PayloadObject["skip"]?.GetValue<bool>() == true) await LeaveAsync(ctx, job.TokenId!.Value, node);
                else ctx.Pending.Enqueue((job.TokenId!.Value, node.Id));
                break;
            default:
                throw new InvalidOperationException($"Job kind {job.Kind} is not an instance step.");
        }
        await RunAsync(ctx);
        return "fired";
    }

    /// <summary>After a user task closed with an outcome: record it as variables, then end (rejected) or move on.</summary>
    public async Task ContinueAfterTaskAsync(StepContext ctx, Guid tokenId, FlowNode node, TaskOutcome outcome)
    {
        var text = outcome == TaskOutcome.Approved ? "approved" : "rejected";
        ctx.SetVariable(node.Id + "_outcome", text);
        ctx.SetVariable("outcome", text);
        ctx.SetVariable("approved", outcome == TaskOutcome.Approved);
        if (outcome == TaskOutcome.Rejected && node.Task?.RejectEndsInstance != false)
        {
            await JobStore.DeleteForTokenAsync(ctx.Conn, ctx.Tx, tokenId, ctx.Ct);
            await HistoryAsync(ctx, tokenId, node.Id, "left", "rejected");
            await EndInstanceAsync(ctx, InstanceStatus.Rejected, node.Id, null);
            return;
        }
        await LeaveAsync(ctx, tokenId, node);
    }

    private async Task FireBoundaryAsync(StepContext ctx, JobRow job, FlowNode boundary)
    {
        var hostToken = job.TokenId!.Value;
        var fired = (job.PayloadObject["fired"]?.GetValue<int>() ?? 0) + 1;
        await HistoryAsync(ctx, hostToken, boundary.Id, "fired", $"#{fired}");
        if (boundary.CancelActivity)
        {
            var host = ctx.Model.Node(boundary.AttachedTo!);
            if (host.Kind == NodeKind.UserTask && boundary.BoundaryOutcome is { } outcome)
            {
                await tasks.CloseForTokenAsync(ctx, hostToken, outcome == TaskOutcome.Approved ? "approved" : "rejected", Guid.Empty,
                    outcome == TaskOutcome.Approved ? "auto_approve" : "auto_reject");
                await ContinueAfterTaskAsync(ctx, hostToken, host, outcome);
                return;
            }
            await tasks.CancelForTokenAsync(ctx, hostToken, "timeout");
            await JobStore.DeleteForTokenAsync(ctx.Conn, ctx.Tx, hostToken, ctx.Ct);
            await HistoryAsync(ctx, hostToken, host.Id, "interrupted", boundary.Id);
            await SetTokenAsync(ctx, hostToken, boundary.Id, "active");
            await LeaveAsync(ctx, hostToken, boundary);
            return;
        }
        var branch = await NewTokenAsync(ctx, boundary.Id);
        await LeaveAsync(ctx, branch, boundary);
        var timer = boundary.Timer!;
        if (timer.Kind == TimerKind.Cycle && (timer.Repeat is null || fired < timer.Repeat))
            await JobStore.InsertAsync(ctx.Conn, ctx.Tx, JobKinds.Boundary, ctx.Instance.Id, hostToken, boundary.Id,
                new DateTimeOffset(job.DueAt, TimeSpan.Zero) + timer.Duration!.Value, new JsonObject { ["fired"] = fired },
                $"boundary:{hostToken}:{boundary.Id}:{fired}:{Guid.NewGuid():N}", 5, ctx.Now, ctx.Ct);
    }
}
