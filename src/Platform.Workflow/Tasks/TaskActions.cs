using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Platform.Core.Organization;
using Platform.Workflow.Definitions;
using Platform.Workflow.Records;
using Platform.Workflow.Runtime;

namespace Platform.Workflow.Tasks;

internal sealed class TaskActions(NpgsqlDataSource db, WorkflowEngine engine, TaskManager tasks, IWorkflowRecords records, IOrgDirectory org, TimeProvider time)
    : ITaskActions
{
    private sealed record TaskRow(Guid Id, Guid InstanceId, Guid TokenId, string NodeId, string Mode, string Status);

    private sealed record Assignee(Guid UserId, int Seq, string Status);

    public Task ApproveAsync(Guid taskId, UserContext user, string? comment, JsonObject? fields, CancellationToken ct) =>
        InTaskAsync(taskId, user, ct, async (ctx, task, node, me, all) =>
        {
            if (fields is { Count: > 0 }) await SaveFieldsAsync(ctx, node, fields, user);
            await MarkAsync(ctx, task.Id, user.UserId, "approved");
            await tasks.AuditAsync(ctx, task.Id, user.UserId, "approve", comment, fields is { Count: > 0 } ? new { fields = fields.Select(f => f.Key) } : null);
            var others = all.Where(a => a.UserId != user.UserId && a.Status is "pending" or "waiting").OrderBy(a => a.Seq).ToList();
            var done = node.Task!.Mode switch
            {
                ApprovalMode.Any => true,
                ApprovalMode.All => others.Count == 0,
                _ => others.Count == 0,
            };
            if (!done)
            {
                if (node.Task.Mode == ApprovalMode.Sequential) await MarkAsync(ctx, task.Id, others[0].UserId, "pending");
                return;
            }
            await tasks.CloseAsync(ctx, task.Id, "approved");
            await engine.ContinueAfterTaskAsync(ctx, task.TokenId, node, TaskOutcome.Approved);
        });

    public Task RejectAsync(Guid taskId, UserContext user, string? comment, CancellationToken ct) =>
        InTaskAsync(taskId, user, ct, async (ctx, task, node, _, _) =>
        {
            await MarkAsync(ctx, task.Id, user.UserId, "rejected");
            await tasks.AuditAsync(ctx, task.Id, user.UserId, "reject", comment, null);
            await tasks.CloseAsync(ctx, task.Id, "rejected");
            await engine.ContinueAfterTaskAsync(ctx, task.TokenId, node, TaskOutcome.Rejected);
        });

    public Task ReturnAsync(Guid taskId, UserContext user, string targetNodeId, string? comment, CancellationToken ct) =>
        InTaskAsync(taskId, user, ct, async (ctx, task, node, _, _) =>
        {
            if (!ctx.Model.Nodes.TryGetValue(targetNodeId, out var target) || target.Kind != NodeKind.UserTask || target.Id == node.Id)
                throw new TaskActionException($"'{targetNodeId}' is not an earlier approval step. / '{targetNodeId}' 不是之前的审批节点。");
            var visited = await ctx.Conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM workflow.history WHERE instance_id = @i AND node_id = @n AND event = 'entered')",
                new { i = ctx.Instance.Id, n = targetNodeId }, ctx.Tx, cancellationToken: ct));
            if (!visited) throw new TaskActionException($"The instance has not passed '{target.Label}' yet. / 流程尚未经过 '{target.Label}'，不能退回。");
            await tasks.AuditAsync(ctx, task.Id, user.UserId, "return", comment, new { to = targetNodeId });
            await tasks.CloseAsync(ctx, task.Id, "returned");
            await Jobs.JobStore.DeleteForTokenAsync(ctx.Conn, ctx.Tx, task.TokenId, ct);
            await engine.HistoryAsync(ctx, task.TokenId, node.Id, "returned", targetNodeId);
            await engine.SetTokenAsync(ctx, task.TokenId, targetNodeId, "active");
            ctx.Pending.Enqueue((task.TokenId, targetNodeId));
        });

    public Task TransferAsync(Guid taskId, UserContext user, Guid toUserId, string? comment, CancellationToken ct) =>
        InTaskAsync(taskId, user, ct, async (ctx, task, _, me, all) =>
        {
            await RequireActiveUserAsync(toUserId, ct);
            if (all.Any(a => a.UserId == toUserId && a.Status is "pending" or "waiting"))
                throw new TaskActionException("That user is already an approver of this task. / 该用户已是此任务的审批人。");
            await MarkAsync(ctx, task.Id, user.UserId, "transferred");
            await tasks.AddAssigneeAsync(ctx, task.Id, toUserId, me.Seq, "pending");
            await tasks.AuditAsync(ctx, task.Id, user.UserId, "transfer", comment, new { to = toUserId });
        });

    public Task AddSignerAsync(Guid taskId, UserContext user, Guid signerId, string? comment, CancellationToken ct) =>
        InTaskAsync(taskId, user, ct, async (ctx, task, node, me, all) =>
        {
            await RequireActiveUserAsync(signerId, ct);
            if (all.Any(a => a.UserId == signerId && a.Status is "pending" or "waiting"))
                throw new TaskActionException("That user is already an approver of this task. / 该用户已是此任务的审批人。");
            var sequential = node.Task!.Mode == ApprovalMode.Sequential;
            if (sequential)
                await ctx.Conn.ExecuteAsync(new CommandDefinition(
                    "UPDATE workflow.task_assignees SET seq = seq + 1 WHERE task_id = @t AND seq > @s", new { t = task.Id, s = me.Seq }, ctx.Tx, cancellationToken: ct));
            await tasks.AddAssigneeAsync(ctx, task.Id, signerId, sequential ? me.Seq + 1 : all.Max(a => a.Seq) + 1, sequential ? "waiting" : "pending");
            await tasks.AuditAsync(ctx, task.Id, user.UserId, "add_signer", comment, new { signer = signerId });
        });

    public Task CommentAsync(Guid taskId, UserContext user, string comment, CancellationToken ct) =>
        InTaskAsync(taskId, user, ct, (ctx, task, _, _, _) => tasks.AuditAsync(ctx, task.Id, user.UserId, "comment", comment, null), requirePending: false);

    private async Task InTaskAsync(Guid taskId, UserContext user, CancellationToken ct,
        Func<StepContext, TaskRow, FlowNode, Assignee, IReadOnlyList<Assignee>, Task> act, bool requirePending = true)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var instanceId = await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT instance_id FROM workflow.tasks WHERE id = @taskId", new { taskId }, tx, cancellationToken: ct))
            ?? throw new WorkflowNotFoundException($"Task {taskId} does not exist. / 任务 {taskId} 不存在。");
        var ctx = await engine.OpenStepAsync(conn, tx, instanceId, time.GetUtcNow(), ct)
            ?? throw new TaskActionException("The workflow instance has already ended. / 流程实例已结束。");
        var task = await conn.QuerySingleAsync<TaskRow>(new CommandDefinition("""
            SELECT id AS Id, instance_id AS InstanceId, token_id AS TokenId, node_id AS NodeId, mode AS Mode, status AS Status
            FROM workflow.tasks WHERE id = @taskId
            """, new { taskId }, tx, cancellationToken: ct));
        if (task.Status != "open") throw new TaskActionException($"The task is already {task.Status}. / 任务已处理（{task.Status}）。");
        var all = (await conn.QueryAsync<Assignee>(new CommandDefinition(
            "SELECT user_id AS UserId, seq AS Seq, status AS Status FROM workflow.task_assignees WHERE task_id = @taskId", new { taskId }, tx, cancellationToken: ct))).ToList();
        var me = all.FirstOrDefault(a => a.UserId == user.UserId && (a.Status == "pending" || !requirePending));
        if (me is null)
            throw new WorkflowAccessDeniedException("You are not a current approver of this task. / 您不是此任务当前的审批人。");
        await act(ctx, task, ctx.Model.Node(task.NodeId), me, all);
        await engine.RunAsync(ctx);
        await tx.CommitAsync(ct);
    }

    private async Task SaveFieldsAsync(StepContext ctx, FlowNode node, JsonObject fields, UserContext user)
    {
        var refused = fields.Select(f => f.Key).Where(k => node.Task!.FieldAccess.GetValueOrDefault(k, FieldAccess.ReadOnly) != FieldAccess.Editable).ToList();
        if (refused.Count > 0)
            throw new TaskActionException($"Fields not editable in this step: {string.Join(", ", refused)}. / 本步骤不可编辑的字段：{string.Join("、", refused)}。", invalidInput: true);
        var record = await ctx.RecordAsync(records) ?? throw new TaskActionException("This task has no record to edit. / 此任务没有可编辑的记录。");
        try
        {
            await records.UpdateAsync(ctx.Conn, ctx.Tx, record.Id, fields, null, user.UserId, ctx.Now, ctx.Ct);
        }
        catch (WorkflowRecordRejectedException e)
        {
            throw new TaskActionException(e.Message, invalidInput: true);
        }
        ctx.ForgetRecord();
    }

    private static Task MarkAsync(StepContext ctx, Guid taskId, Guid userId, string status) =>
        ctx.Conn.ExecuteAsync(new CommandDefinition(
            "UPDATE workflow.task_assignees SET status = @status, acted_at = @now WHERE task_id = @taskId AND user_id = @userId",
            new { taskId, userId, status, now = ctx.Now }, ctx.Tx, cancellationToken: ctx.Ct));

    private async Task RequireActiveUserAsync(Guid id, CancellationToken ct)
    {
        if ((await org.FindUserAsync(id, ct))?.IsActive != true)
            throw new TaskActionException($"User {id} does not exist or is disabled. / 用户 {id} 不存在或已停用。");
    }
}
