using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Platform.Core.Organization;
using Platform.Forms.Records;

namespace Platform.Workflow.Records;

/// <summary>
/// <see cref="IWorkflowRecords"/>: reads straight from forms.records (as docs/architecture.md pins it); every write goes
/// through the form engine inside the step's transaction, so it is validated against the published definition and leaves
/// field history and the change event. Field keys only ever travel inside JSON parameters, never into SQL text.
/// </summary>
internal sealed class FormsWorkflowRecords(IRecordTransactionWriter writer) : IWorkflowRecords
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
        var record = await GetAsync(conn, tx, id, ct) ?? throw new WorkflowRecordNotFoundException(id);
        var user = Acting(actor);
        if (changes.Count > 0)
            Check(await writer.UpdateAsync(tx, user, record.AppKey, record.FormKey, id, changes, null, ct), record.AppKey, record.FormKey, id);
        if (newOwner is { } owner)
            Check(await writer.AssignAsync(tx, user, record.AppKey, record.FormKey, id, owner, null, ct), record.AppKey, record.FormKey, id);
    }

    public async Task<Guid> CreateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string appKey, string formKey, JsonObject data, Guid actor, DateTimeOffset now, CancellationToken ct)
    {
        var result = await writer.CreateAsync(tx, Acting(actor), appKey, formKey, data, null, ct);
        return Check(result, appKey, formKey, null).Id;
    }

    /// <summary>
    /// Workflow steps act with the rights the workflow definition grants (its author chose the fields), so the writer runs
    /// as an administrator; the actor still appears in history and on the change event.
    /// </summary>
    private static UserContext Acting(Guid actor) =>
        actor == Guid.Empty ? UserContext.System : new UserContext(actor, "workflow", "Workflow", null, null, new HashSet<string>(), IsAdministrator: true);

    private static FormRecord Check(RecordWriteResult result, string app, string form, Guid? id) => result switch
    {
        RecordWriteResult.Saved saved => saved.Record,
        RecordWriteResult.Invalid invalid => throw new WorkflowRecordRejectedException(app, form,
            string.Join("; ", invalid.Errors.Select(e => $"{e.Field}: {e.En}")), string.Join("；", invalid.Errors.Select(e => $"{e.Field}：{e.Zh}"))),
        RecordWriteResult.Forbidden denied => throw new WorkflowRecordRejectedException(app, form, denied.En, denied.Zh),
        RecordWriteResult.Conflict => throw new WorkflowRecordRejectedException(app, form, "the record changed meanwhile", "记录已被他人修改"),
        _ when id is { } missing => throw new WorkflowRecordNotFoundException(missing),
        _ => throw new WorkflowRecordRejectedException(app, form, "the form is not published", "表单尚未发布"),
    };

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

/// <summary>The form engine refused a record write of a step (invalid value, no permission); nothing of the step was written.</summary>
public sealed class WorkflowRecordRejectedException(string app, string form, string en, string zh)
    : Exception($"The record of {app}/{form} was not saved: {en} / {app}/{form} 的记录未保存：{zh}");
