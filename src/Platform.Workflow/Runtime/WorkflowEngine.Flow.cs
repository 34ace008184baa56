using Dapper;
using Platform.Workflow.Definitions;
using Platform.Workflow.Jobs;

namespace Platform.Workflow.Runtime;

internal sealed partial class WorkflowEngine
{
    /// <summary>
    /// Leaves a node: through <paramref name="only"/> when a gateway chose it, otherwise through every outgoing flow whose
    /// condition holds (more than one forks the token).
    /// </summary>
    public async Task LeaveAsync(StepContext ctx, Guid tokenId, FlowNode node, SequenceFlow? only = null)
    {
        if (node.Kind is NodeKind.UserTask or NodeKind.IntermediateCatchEvent or NodeKind.ServiceTask)
            await JobStore.DeleteForTokenAsync(ctx.Conn, ctx.Tx, tokenId, ctx.Ct);
        await HistoryAsync(ctx, tokenId, node.Id, "left", null);
        var flows = only is not null ? [only] : await TakenFlowsAsync(ctx, node);
        if (flows.Count == 0)
        {
            await SetTokenAsync(ctx, tokenId, node.Id, "done");
            return;
        }
        for (var i = 0; i < flows.Count; i++)
        {
            var token = i == 0 ? tokenId : await NewTokenAsync(ctx, flows[i].Target);
            await HistoryAsync(ctx, token, flows[i].Id, "taken", null);
            await SetTokenAsync(ctx, token, flows[i].Target, "active");
            ctx.Pending.Enqueue((token, flows[i].Target));
        }
    }

    private async Task<List<SequenceFlow>> TakenFlowsAsync(StepContext ctx, FlowNode node)
    {
        var taken = new List<SequenceFlow>();
        foreach (var flow in ctx.Model.Outgoing(node))
        {
            if (flow.Condition is null && flow.Rule is null) taken.Add(flow);
            else if (await HoldsAsync(ctx, flow)) taken.Add(flow);
        }
        return taken;
    }

    private async Task<SequenceFlow> ChooseExclusiveAsync(StepContext ctx, FlowNode node)
    {
        var outgoing = ctx.Model.Outgoing(node).ToList();
        if (outgoing.Count == 1) return outgoing[0];
        foreach (var flow in outgoing.Where(f => f.Id != node.DefaultFlow))
            if (await HoldsAsync(ctx, flow)) return flow;
        if (node.DefaultFlow is not null) return ctx.Model.Flows[node.DefaultFlow];
        throw new WorkflowStepException($"No condition out of gateway '{node.Label}' holds and it has no default path. / 网关 '{node.Label}' 没有满足条件的路径，也没有默认路径。");
    }

    private async Task<bool> HoldsAsync(StepContext ctx, SequenceFlow flow)
    {
        var scope = ExpressionScope.Build(ctx.Variables, await ctx.RecordAsync(records), ctx.Now);
        if (flow.Rule is not null && !FieldRuleEvaluator.Evaluate(flow.Rule, scope)) return false;
        return flow.Condition is null || sandbox.EvaluateCondition(flow.Condition, scope, ctx.Ct);
    }

    private async Task ParallelAsync(StepContext ctx, Guid tokenId, FlowNode node)
    {
        if (node.Incoming.Count <= 1)
        {
            await LeaveAsync(ctx, tokenId, node);
            return;
        }
        await SetTokenAsync(ctx, tokenId, node.Id, "joined");
        var joined = (await ctx.Conn.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM workflow.tokens WHERE instance_id = @i AND node_id = @n AND status = 'joined' ORDER BY created_at, id",
            new { i = ctx.Instance.Id, n = node.Id }, ctx.Tx, cancellationToken: ctx.Ct))).ToList();
        if (joined.Count < node.Incoming.Count) return;
        var consumed = joined.Take(node.Incoming.Count).ToArray();
        await ctx.Conn.ExecuteAsync(new CommandDefinition(
            "UPDATE workflow.tokens SET status = 'done', ended_at = @now WHERE id = ANY(@consumed)",
            new { consumed, now = ctx.Now }, ctx.Tx, cancellationToken: ctx.Ct));
        var merged = await NewTokenAsync(ctx, node.Id);
        await LeaveAsync(ctx, merged, node);
    }

    private async Task EndEventAsync(StepContext ctx, Guid tokenId, FlowNode node)
    {
        await SetTokenAsync(ctx, tokenId, node.Id, "done");
        if (node.End == EndKind.Terminate) await EndInstanceAsync(ctx, InstanceStatus.Terminated, node.Id, null);
        else if (node.End == EndKind.Error) await EndInstanceAsync(ctx, InstanceStatus.Failed, node.Id, node.ErrorCode ?? "error");
        else await ctx.Conn.ExecuteAsync(new CommandDefinition("UPDATE workflow.instances SET end_node = @n WHERE id = @i",
            new { n = node.Id, i = ctx.Instance.Id }, ctx.Tx, cancellationToken: ctx.Ct));
    }

    /// <summary>Ends the instance: every live token, open task and pending job of it is cancelled in the same transaction.</summary>
    public async Task EndInstanceAsync(StepContext ctx, string status, string? endNode, string? errorCode)
    {
        await ctx.Conn.ExecuteAsync(new CommandDefinition("""
            UPDATE workflow.tokens SET status = 'cancelled', ended_at = @now WHERE instance_id = @i AND status IN ('active', 'waiting', 'joined');
            UPDATE workflow.tasks SET status = 'cancelled', completed_at = @now WHERE instance_id = @i AND status = 'open';
            UPDATE workflow.task_assignees a SET status = 'skipped' FROM workflow.tasks t
              WHERE a.task_id = t.id AND t.instance_id = @i AND a.status IN ('pending', 'waiting');
            UPDATE workflow.instances SET status = @status, ended_at = @now, end_node = COALESCE(@endNode, end_node), error_code = @errorCode WHERE id = @i;
            """, new { i = ctx.Instance.Id, now = ctx.Now, status, endNode, errorCode }, ctx.Tx, cancellationToken: ctx.Ct));
        await JobStore.DeleteForInstanceAsync(ctx.Conn, ctx.Tx, ctx.Instance.Id, ctx.Ct);
        ctx.Instance = ctx.Instance with { Status = status };
        ctx.Ended = true;
    }

    public async Task<Guid> NewTokenAsync(StepContext ctx, string nodeId)
    {
        var id = Guid.CreateVersion7(ctx.Now);
        await ctx.Conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO workflow.tokens (id, instance_id, node_id, status, created_at) VALUES (@id, @i, @nodeId, 'active', @now)",
            new { id, i = ctx.Instance.Id, nodeId, now = ctx.Now }, ctx.Tx, cancellationToken: ctx.Ct));
        return id;
    }

    public Task SetTokenAsync(StepContext ctx, Guid tokenId, string nodeId, string status) =>
        ctx.Conn.ExecuteAsync(new CommandDefinition("""
            UPDATE workflow.tokens SET node_id = @nodeId, status = @status,
              ended_at = CASE WHEN @status IN ('done', 'cancelled') THEN @now ELSE NULL END
            WHERE id = @tokenId
            """, new { tokenId, nodeId, status, now = ctx.Now }, ctx.Tx, cancellationToken: ctx.Ct));

    public Task HistoryAsync(StepContext ctx, Guid? tokenId, string nodeId, string evt, string? detail) =>
        ctx.Conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflow.history (instance_id, token_id, node_id, event, at, detail) VALUES (@i, @tokenId, @nodeId, @evt, @now, @detail)
            """, new { i = ctx.Instance.Id, tokenId, nodeId, evt, now = ctx.Now, detail }, ctx.Tx, cancellationToken: ctx.Ct));
}
