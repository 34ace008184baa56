using System.Text.Json;
using Dapper;
using Platform.Workflow.Definitions;
using Platform.Workflow.Runtime;

namespace Platform.Workflow.Tasks;

/// <summary>Creates and closes user tasks inside a step: assignees, carbon copies, due time and the audit trail.</summary>
internal sealed class TaskManager(ApproverResolver resolver, Timers.TimerCalculator timers)
{
    public async Task CreateAsync(StepContext ctx, Guid tokenId, FlowNode node)
    {
        var spec = node.Task!;
        var approvers = await resolver.ResolveAsync(ctx, spec.Approvers);
        if (approvers.Count == 0)
            throw new WorkflowStepException($"No active approver found for '{node.Label}' ({string.Join("; ", spec.Approvers)}). / 审批节点 '{node.Label}' 找不到有效的审批人。");
        var id = Guid.CreateVersion7(ctx.Now);
        var access = JsonSerializer.Serialize(spec.FieldAccess.ToDictionary(p => p.Key, p => p.Value.ToString().ToLowerInvariant()));
        await ctx.Conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflow.tasks (id, instance_id, token_id, node_id, name, mode, status, field_access, due_at, created_at)
            VALUES (@id, @instanceId, @tokenId, @nodeId, @name, @mode, 'open', @access::jsonb, @due, @now);
            INSERT INTO workflow.task_events (task_id, instance_id, actor_id, action, detail, at)
            VALUES (@id, @instanceId, @system, 'created', @detail::jsonb, @now);
            """, new
        {
            id, instanceId = ctx.Instance.Id, tokenId, nodeId = node.Id, name = node.Label, mode = spec.Mode.ToString().ToLowerInvariant(), access,
            due = spec.Due is { } d ? timers.After(ctx.Now, d, spec.DueInBusinessTime) : (DateTimeOffset?)null, now = ctx.Now, system = Guid.Empty,
            detail = JsonSerializer.Serialize(new { assignees = approvers }),
        }, ctx.Tx, cancellationToken: ctx.Ct));
        for (var i = 0; i < approvers.Count; i++)
            await AddAssigneeAsync(ctx, id, approvers[i], i, spec.Mode == ApprovalMode.Sequential && i > 0 ? "waiting" : "pending");
        foreach (var user in await resolver.ResolveAsync(ctx, spec.CarbonCopy))
            await ctx.Conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO workflow.carbon_copies (instance_id, task_id, node_id, user_id, at) VALUES (@i, @id, @nodeId, @user, @now)
                """, new { i = ctx.Instance.Id, id, nodeId = node.Id, user, now = ctx.Now }, ctx.Tx, cancellationToken: ctx.Ct));
    }

    public Task AddAssigneeAsync(StepContext ctx, Guid taskId, Guid user, int seq, string status) =>
        ctx.Conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflow.task_assignees (task_id, user_id, seq, status) VALUES (@taskId, @user, @seq, @status)
            ON CONFLICT (task_id, user_id) DO UPDATE SET status = EXCLUDED.status, seq = EXCLUDED.seq
            """, new { taskId, user, seq, status }, ctx.Tx, cancellationToken: ctx.Ct));

    public Task AuditAsync(StepContext ctx, Guid taskId, Guid actor, string action, string? comment, object? detail) =>
        ctx.Conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflow.task_events (task_id, instance_id, actor_id, action, comment, detail, at)
            VALUES (@taskId, @i, @actor, @action, @comment, @detail::jsonb, @now)
            """, new { taskId, i = ctx.Instance.Id, actor, action, comment, detail = detail is null ? null : JsonSerializer.Serialize(detail), now = ctx.Now },
            ctx.Tx, cancellationToken: ctx.Ct));

    /// <summary>Closes the token's open task with a status; remaining assignees are skipped.</summary>
    public async Task<Guid?> CloseForTokenAsync(StepContext ctx, Guid tokenId, string status, Guid actor, string action)
    {
        var taskId = await ctx.Conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT id FROM workflow.tasks WHERE token_id = @tokenId AND status = 'open'", new { tokenId }, ctx.Tx, cancellationToken: ctx.Ct));
        if (taskId is null) return null;
        await CloseAsync(ctx, taskId.Value, status);
        await AuditAsync(ctx, taskId.Value, actor, action, null, null);
        return taskId;
    }

    public Task CloseAsync(StepContext ctx, Guid taskId, string status) =>
        ctx.Conn.ExecuteAsync(new CommandDefinition("""
            UPDATE workflow.tasks SET status = @status, completed_at = @now WHERE id = @taskId;
            UPDATE workflow.task_assignees SET status = 'skipped' WHERE task_id = @taskId AND status IN ('pending', 'waiting');
            """, new { taskId, status, now = ctx.Now }, ctx.Tx, cancellationToken: ctx.Ct));

    public Task CancelForTokenAsync(StepContext ctx, Guid tokenId, string action) =>
        CloseForTokenAsync(ctx, tokenId, "cancelled", Guid.Empty, action);
}
