using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.History;
using Platform.Forms.Permissions;

namespace Platform.Forms.Records;

/// <summary>
/// Record writes that join a transaction the caller already holds (the workflow engine commits a record change together
/// with its token move). Same validation, permissions, history and outbox event as <see cref="IRecordStore"/>; nothing
/// is committed or rolled back here. A result other than Saved means nothing was written.
/// </summary>
public interface IRecordTransactionWriter
{
    Task<RecordWriteResult> CreateAsync(NpgsqlTransaction tx, UserContext user, string app, string form, JsonObject data,
        RecordCreateOptions? options, CancellationToken ct);

    /// <summary>Partial update: fields absent from <paramref name="changes"/> keep their values.</summary>
    Task<RecordWriteResult> UpdateAsync(NpgsqlTransaction tx, UserContext user, string app, string form, Guid id, JsonObject changes,
        int? expectedVersion, CancellationToken ct);

    /// <summary>Sets the owner (and the owner's department unless given); history shows it as the <c>_owner</c> change.</summary>
    Task<RecordWriteResult> AssignAsync(NpgsqlTransaction tx, UserContext user, string app, string form, Guid id, Guid ownerId,
        Guid? departmentId, CancellationToken ct);
}

internal sealed class RecordTransactionWriter(RecordStore store, IFormDefinitions definitions, RecordPermissions permissions, IOrgDirectory org, TimeProvider clock)
    : IRecordTransactionWriter
{
    public async Task<RecordWriteResult> CreateAsync(NpgsqlTransaction tx, UserContext user, string app, string form, JsonObject data,
        RecordCreateOptions? options, CancellationToken ct)
    {
        if (await definitions.GetPublishedAsync(app, form, ct) is not { } definition) return RecordWriteResult.Missing;
        var access = permissions.Resolve(user, definition);
        if (!access.Can(FormAction.Create)) return Denied(definition);
        return await store.CreateInTransactionAsync(tx, user, definition, access, data, options, ct);
    }

    public async Task<RecordWriteResult> UpdateAsync(NpgsqlTransaction tx, UserContext user, string app, string form, Guid id, JsonObject changes,
        int? expectedVersion, CancellationToken ct)
    {
        if (await definitions.GetPublishedAsync(app, form, ct) is not { } definition) return RecordWriteResult.Missing;
        var access = permissions.Resolve(user, definition);
        return await store.UpdateInTransactionAsync(tx, user, definition, access, id, changes, expectedVersion, partial: true, ct);
    }

    public async Task<RecordWriteResult> AssignAsync(NpgsqlTransaction tx, UserContext user, string app, string form, Guid id, Guid ownerId,
        Guid? departmentId, CancellationToken ct)
    {
        if (await definitions.GetPublishedAsync(app, form, ct) is not { } definition) return RecordWriteResult.Missing;
        var access = permissions.Resolve(user, definition);
        if (!access.Can(FormAction.Update)) return Denied(definition);
        var scope = access.Unrestricted ? SqlPredicate.True : await permissions.ScopePredicateAsync(user, access.ScopesFor(FormAction.Update), "r", ct);
        var current = await RecordStore.ReadRowAsync(tx.Connection!, tx, definition, id, scope, includeDeleted: false, ct, forUpdate: true);
        if (current is null) return RecordWriteResult.Missing;
        if (current.OwnerId == ownerId) return new RecordWriteResult.Saved(RecordStore.Visible(current, access));
        var department = departmentId ?? (await org.FindUserAsync(ownerId, ct))?.DepartmentId;
        var now = clock.GetUtcNow();
        var version = current.Version + 1;
        await tx.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE forms.records SET owner_id = @ownerId, department_id = @department, updated_by = @actor, updated_at = @now, version = @version WHERE id = @id",
            new { id, ownerId, department, actor = user.UserId, now, version }, tx, cancellationToken: ct));
        var data = current.ParseData();
        var change = new FieldChange("_owner", current.OwnerId is { } o ? JsonValue.Create(o.ToString()) : null, JsonValue.Create(ownerId.ToString()));
        await RecordChangeWriter.WriteAsync(tx, id, app, form, version, "updated", user.UserId, now, data, data, ct, [change]);
        var saved = await RecordStore.ReadRowAsync(tx.Connection!, tx, definition, id, SqlPredicate.True, includeDeleted: false, ct);
        return new RecordWriteResult.Saved(RecordStore.Visible(saved!, access));
    }

    private static RecordWriteResult.Forbidden Denied(FormDefinition definition) =>
        new($"You may not change records of '{definition.Name.En}'.", $"您没有修改“{definition.Name.Zh}”记录的权限。");
}
