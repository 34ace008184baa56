using System.Text.Json.Nodes;
using Dapper;
using Npgsql;

namespace Platform.Workflow.Records;

/// <summary>
/// <see cref="IWorkflowRecords"/> straight over forms.records / forms.record_events as docs/architecture.md pins them.
/// Field keys only ever travel inside JSON parameters, never into SQL text.
/// </summary>
internal sealed class SqlWorkflowRecords : IWorkflowRecords
{
    private const string Columns = """
        id AS Id, app_key AS AppKey, form_key AS FormKey, data::text AS Data, title AS Title, owner_id AS OwnerId,
        department_id AS DepartmentId, partner_id AS PartnerId, created_by AS CreatedBy, created_at AS CreatedAt,
        updated_at AS UpdatedAt, version AS Version
        """;

    private sealed record Row(Guid Id, string AppKey, string FormKey, string Data, string? Title, Guid? OwnerId, Guid? DepartmentId,
        Guid? PartnerId, Guid CreatedBy, DateTime CreatedAt, DateTime UpdatedAt, int Version)
    {
        public WorkflowRecord ToRecord() => new(Id, AppKey, FormKey, JsonNode.Parse(Data)!.AsObject(), Title, OwnerId, DepartmentId,
            PartnerId, CreatedBy, DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc), DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc), Version);
    }

    public async Task<WorkflowRecord?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, CancellationToken ct)
    {
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM forms.records WHERE id = @id AND deleted_at IS NULL", new { id }, tx, cancellationToken: ct));
        return row?.ToRecord();
    }

    public async Task UpdateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, JsonObject changes, Guid? newOwner, Guid actor, DateTimeOffset now, CancellationToken ct)
    {
        var before = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM forms.records WHERE id = @id AND deleted_at IS NULL FOR UPDATE", new { id }, tx, cancellationToken: ct))
            ?? throw new WorkflowRecordNotFoundException(id);
        var record = before.ToRecord();
        var after = (JsonObject)record.Data.DeepClone();
        var changed = new List<string>();
        foreach (var (key, value) in changes)
        {
            if (JsonNode.DeepEquals(after[key], value)) continue;
            after[key] = value?.DeepClone();
            changed.Add(key);
        }
        if (newOwner is not null && newOwner != record.OwnerId) changed.Add("owner_id");
        if (changed.Count == 0) return;
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE forms.records SET data = @after::jsonb, owner_id = COALESCE(@newOwner, owner_id), updated_by = @actor, updated_at = @now, version = version + 1
            WHERE id = @id;
            INSERT INTO forms.record_events (record_id, app_key, form_key, kind, changed_fields, actor_id, occurred_at, before, after)
            VALUES (@id, @app, @form, 'updated', @changed, @actor, @now, @before::jsonb, @after::jsonb);
            """, new { id, after = after.ToJsonString(), newOwner, actor, now, app = record.AppKey, form = record.FormKey, changed = changed.ToArray(), before = before.Data },
            tx, cancellationToken: ct));
    }

    public async Task<Guid> CreateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string appKey, string formKey, JsonObject data, Guid actor, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7(now);
        var json = data.ToJsonString();
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO forms.records (id, app_key, form_key, data, created_by, created_at, updated_by, updated_at, version)
            VALUES (@id, @appKey, @formKey, @json::jsonb, @actor, @now, @actor, @now, 1);
            INSERT INTO forms.record_events (record_id, app_key, form_key, kind, changed_fields, actor_id, occurred_at, before, after)
            VALUES (@id, @appKey, @formKey, 'created', @fields, @actor, @now, NULL, @json::jsonb);
            """, new { id, appKey, formKey, json, actor, now, fields = data.Select(p => p.Key).ToArray() }, tx, cancellationToken: ct));
        return id;
    }

    public async Task<IReadOnlyList<WorkflowRecord>> ListAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string appKey, string formKey, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM forms.records WHERE app_key = @appKey AND form_key = @formKey AND deleted_at IS NULL ORDER BY id",
            new { appKey, formKey }, tx, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<IReadOnlyDictionary<Guid, int>> CountOwnedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string appKey, string formKey, IReadOnlyList<Guid> users, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<(Guid Owner, int Count)>(new CommandDefinition("""
            SELECT owner_id, count(*)::int FROM forms.records
            WHERE app_key = @appKey AND form_key = @formKey AND deleted_at IS NULL AND owner_id = ANY(@users)
            GROUP BY owner_id
            """, new { appKey, formKey, users = users.ToArray() }, tx, cancellationToken: ct));
        var counts = users.ToDictionary(u => u, _ => 0);
        foreach (var (owner, count) in rows) counts[owner] = count;
        return counts;
    }
}

/// <summary>The record a step refers to no longer exists (deleted or never created).</summary>
public sealed class WorkflowRecordNotFoundException(Guid id)
    : Exception($"Record {id} does not exist or was deleted. / 记录 {id} 不存在或已删除。");
