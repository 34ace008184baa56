using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Platform.Core.Organization;
using Platform.Workflow.Definitions;
using Platform.Workflow.Jobs;

namespace Platform.Workflow.Runtime;

internal sealed class InstanceViewService(NpgsqlDataSource db) : IInstanceView
{
    public async Task<InstanceView> GetAsync(Guid instanceId, UserContext user, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var i = await conn.QuerySingleOrDefaultAsync<InstanceRow>(new CommandDefinition(
            $"SELECT {InstanceRow.Columns} FROM workflow.instances WHERE id = @instanceId", new { instanceId }, cancellationToken: ct))
            ?? throw new WorkflowNotFoundException($"Instance {instanceId} does not exist. / 流程实例 {instanceId} 不存在。");
        if (!user.IsAdministrator && !user.Roles.Contains(WorkflowDefinitions.AdminRole) && i.StartedBy != user.UserId)
        {
            var involved = await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
                SELECT EXISTS (SELECT 1 FROM workflow.task_assignees a JOIN workflow.tasks t ON t.id = a.task_id WHERE t.instance_id = @instanceId AND a.user_id = @u)
                    OR EXISTS (SELECT 1 FROM workflow.carbon_copies WHERE instance_id = @instanceId AND user_id = @u)
                """, new { instanceId, u = user.UserId }, cancellationToken: ct));
            if (!involved) throw new WorkflowAccessDeniedException("You are not involved in this workflow instance. / 您与此流程实例无关。");
        }
        var current = (await conn.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT node_id FROM workflow.tokens WHERE instance_id = @instanceId AND status IN ('active', 'waiting', 'joined') ORDER BY 1",
            new { instanceId }, cancellationToken: ct))).ToList();
        var history = (await conn.QueryAsync<(string, string, DateTime, string?)>(new CommandDefinition(
            "SELECT node_id, event, at, detail FROM workflow.history WHERE instance_id = @instanceId ORDER BY id", new { instanceId }, cancellationToken: ct)))
            .Select(h => new HistoryEntry(h.Item1, h.Item2, Utc(h.Item3), h.Item4)).ToList();
        var incidents = await IncidentService.QueryAsync(conn, "WHERE instance_id = @instanceId", new { instanceId }, ct);
        return new InstanceView(
            Summary(i), i.EndNode, i.ErrorCode, current,
            history.Where(h => h.Event == "entered").Select(h => h.NodeId).Distinct().ToList(),
            history.Where(h => h.Event == "taken").Select(h => h.NodeId).Distinct().ToList(),
            history, JsonNode.Parse(i.Variables)!.AsObject(), incidents);
    }

    public async Task<IReadOnlyList<InstanceSummary>> ListAsync(string? key, string? status, UserContext user, int take, CancellationToken ct)
    {
        WorkflowDefinitions.RequireAdmin(user);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<InstanceRow>(new CommandDefinition($"""
            SELECT {InstanceRow.Columns} FROM workflow.instances
            WHERE (@key::text IS NULL OR definition_key = @key) AND (@status::text IS NULL OR status = @status)
            ORDER BY started_at DESC LIMIT @take
            """, new { key, status, take = Math.Clamp(take, 1, 500) }, cancellationToken: ct));
        return rows.Select(Summary).ToList();
    }

    private static InstanceSummary Summary(InstanceRow i) =>
        new(i.Id, i.DefinitionKey, i.Version, i.Status, i.RecordId, Utc(i.StartedAt), i.EndedAt is { } e ? Utc(e) : null);

    private static DateTimeOffset Utc(DateTime d) => new(DateTime.SpecifyKind(d, DateTimeKind.Utc));
}
