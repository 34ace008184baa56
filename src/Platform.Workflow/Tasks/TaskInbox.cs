using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Platform.Core.Organization;
using Platform.Workflow.Definitions;

namespace Platform.Workflow.Tasks;

internal sealed class TaskInbox(NpgsqlDataSource db) : ITaskInbox
{
    private sealed record Row(Guid InstanceId, Guid? TaskId, string DefinitionKey, string Title, string Status, Guid? RecordId, DateTime At, DateTime? DueAt);

    public async Task<IReadOnlyList<InboxItem>> ListAsync(UserContext user, InboxBox box, int skip, int take, CancellationToken ct)
    {
        var sql = box switch
        {
            InboxBox.Todo => """
                SELECT t.instance_id AS InstanceId, t.id AS TaskId, i.definition_key AS DefinitionKey, t.name AS Title, t.status AS Status,
                       i.record_id AS RecordId, t.created_at AS At, t.due_at AS DueAt
                FROM workflow.task_assignees a JOIN workflow.tasks t ON t.id = a.task_id JOIN workflow.instances i ON i.id = t.instance_id
                WHERE a.user_id = @user AND a.status = 'pending' AND t.status = 'open'
                ORDER BY t.created_at DESC OFFSET @skip LIMIT @take
                """,
            InboxBox.Done => """
                SELECT t.instance_id AS InstanceId, t.id AS TaskId, i.definition_key AS DefinitionKey, t.name AS Title, t.status AS Status,
                       i.record_id AS RecordId, a.acted_at AS At, t.due_at AS DueAt
                FROM workflow.task_assignees a JOIN workflow.tasks t ON t.id = a.task_id JOIN workflow.instances i ON i.id = t.instance_id
                WHERE a.user_id = @user AND a.status IN ('approved', 'rejected', 'transferred')
                ORDER BY a.acted_at DESC OFFSET @skip LIMIT @take
                """,
            InboxBox.Cc => """
                SELECT c.instance_id AS InstanceId, c.task_id AS TaskId, i.definition_key AS DefinitionKey, c.node_id AS Title, i.status AS Status,
                       i.record_id AS RecordId, c.at AS At, NULL::timestamptz AS DueAt
                FROM workflow.carbon_copies c JOIN workflow.instances i ON i.id = c.instance_id
                WHERE c.user_id = @user ORDER BY c.id DESC OFFSET @skip LIMIT @take
                """,
            _ => """
                SELECT i.id AS InstanceId, NULL::uuid AS TaskId, i.definition_key AS DefinitionKey, i.definition_key AS Title, i.status AS Status,
                       i.record_id AS RecordId, i.started_at AS At, NULL::timestamptz AS DueAt
                FROM workflow.instances i WHERE i.started_by = @user ORDER BY i.started_at DESC OFFSET @skip LIMIT @take
                """,
        };
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(sql, new { user = user.UserId, skip = Math.Max(0, skip), take = Math.Clamp(take, 1, 200) }, cancellationToken: ct));
        return rows.Select(r => new InboxItem(r.InstanceId, r.TaskId, r.DefinitionKey, r.Title, r.Status, r.RecordId, Utc(r.At), r.DueAt is { } d ? Utc(d) : null)).ToList();
    }

    public async Task<InboxCounts> CountsAsync(UserContext user, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var c = await conn.QuerySingleAsync<(int, int, int, int, int)>(new CommandDefinition("""
            SELECT
              (SELECT count(*)::int FROM workflow.task_assignees a JOIN workflow.tasks t ON t.id = a.task_id
                 WHERE a.user_id = @user AND a.status = 'pending' AND t.status = 'open'),
              (SELECT count(*)::int FROM workflow.task_assignees WHERE user_id = @user AND status IN ('approved', 'rejected', 'transferred')),
              (SELECT count(*)::int FROM workflow.carbon_copies WHERE user_id = @user AND read_at IS NULL),
              (SELECT count(*)::int FROM workflow.instances WHERE started_by = @user AND status = 'running'),
              (SELECT count(*)::int FROM workflow.notifications WHERE user_id = @user AND read_at IS NULL)
            """, new { user = user.UserId }, cancellationToken: ct));
        return new InboxCounts(c.Item1, c.Item2, c.Item3, c.Item4, c.Item5);
    }

    public async Task<TaskDetail> GetAsync(Guid taskId, UserContext user, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var task = await conn.QuerySingleOrDefaultAsync<(Guid Id, Guid InstanceId, string NodeId, string Name, string Status, string Mode, DateTime? DueAt, string Access, string? Data, Guid StartedBy)>(
            new CommandDefinition("""
                SELECT t.id, t.instance_id, t.node_id, t.name, t.status, t.mode, t.due_at, t.field_access::text, r.data::text, i.started_by
                FROM workflow.tasks t JOIN workflow.instances i ON i.id = t.instance_id LEFT JOIN forms.records r ON r.id = i.record_id
                WHERE t.id = @taskId
                """, new { taskId }, cancellationToken: ct));
        if (task.Id == Guid.Empty) throw new WorkflowNotFoundException($"Task {taskId} does not exist. / 任务 {taskId} 不存在。");
        var assignees = (await conn.QueryAsync<(Guid, int, string, DateTime?)>(new CommandDefinition(
            "SELECT user_id, seq, status, acted_at FROM workflow.task_assignees WHERE task_id = @taskId ORDER BY seq", new { taskId }, cancellationToken: ct)))
            .Select(a => new TaskAssignee(a.Item1, a.Item2, a.Item3, a.Item4 is { } d ? Utc(d) : null)).ToList();
        var copied = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM workflow.carbon_copies WHERE instance_id = @i AND user_id = @u)", new { i = task.InstanceId, u = user.UserId }, cancellationToken: ct));
        if (!user.IsAdministrator && task.StartedBy != user.UserId && !copied && assignees.All(a => a.UserId != user.UserId))
            throw new WorkflowAccessDeniedException("You are not involved in this task. / 您与此任务无关。");
        var audit = (await conn.QueryAsync<(Guid, string, string?, string?, DateTime)>(new CommandDefinition(
            "SELECT actor_id, action, comment, detail::text, at FROM workflow.task_events WHERE task_id = @taskId ORDER BY id", new { taskId }, cancellationToken: ct)))
            .Select(a => new TaskAuditEntry(a.Item1, a.Item2, a.Item3, a.Item4, Utc(a.Item5))).ToList();
        var access = JsonSerializer.Deserialize<Dictionary<string, string>>(task.Access) ?? [];
        JsonObject? record = task.Data is null ? null : JsonNode.Parse(task.Data)!.AsObject();
        foreach (var hidden in access.Where(a => a.Value == "hidden").Select(a => a.Key)) record?.Remove(hidden);
        return new TaskDetail(task.Id, task.InstanceId, task.NodeId, task.Name, task.Status, task.Mode, task.DueAt is { } due ? Utc(due) : null,
            record, access, assignees, audit);
    }

    public async Task<IReadOnlyList<NotificationItem>> NotificationsAsync(UserContext user, int take, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(Guid, Guid?, string, string, DateTime, DateTime?)>(new CommandDefinition("""
            SELECT id, instance_id, subject, body, created_at, read_at FROM workflow.notifications
            WHERE user_id = @user ORDER BY created_at DESC LIMIT @take
            """, new { user = user.UserId, take = Math.Clamp(take, 1, 200) }, cancellationToken: ct));
        return rows.Select(r => new NotificationItem(r.Item1, r.Item2, r.Item3, r.Item4, Utc(r.Item5), r.Item6 is { } d ? Utc(d) : null)).ToList();
    }

    private static DateTimeOffset Utc(DateTime d) => new(DateTime.SpecifyKind(d, DateTimeKind.Utc));
}
