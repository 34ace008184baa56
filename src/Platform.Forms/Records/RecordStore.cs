using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Forms.History;
using Platform.Forms.Permissions;

namespace Platform.Forms.Records;

internal sealed class RecordStore(
    NpgsqlDataSource dataSource,
    IFormDefinitions definitions,
    RecordPermissions permissions,
    RecordNormalizer normalizer,
    ReferenceChecker references,
    FieldTypeRegistry types,
    RecordSchema schema,
    IOrgDirectory org,
    TimeProvider clock,
    IOptions<FormsOptions> options) : IRecordStore
{
    private static readonly CultureInfo TitleCulture = CultureInfo.GetCultureInfo("zh-CN");

    public async Task<RecordWriteResult> CreateAsync(UserContext user, string app, string form, JsonObject data, CancellationToken ct, RecordCreateOptions? create = null)
    {
        if (await definitions.GetPublishedAsync(app, form, ct) is not { } definition) return RecordWriteResult.Missing;
        var access = permissions.Resolve(user, definition);
        if (!access.Can(FormAction.Create)) return Denied(definition, "create", "新建");
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var result = await CreateInTransactionAsync(tx, user, definition, access, data, create, ct);
        if (result is RecordWriteResult.Saved) await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>Creates inside the caller's transaction (imports run many rows in one); nothing is committed here.</summary>
    internal async Task<RecordWriteResult> CreateInTransactionAsync(NpgsqlTransaction tx, UserContext user, FormDefinition definition,
        RecordAccess access, JsonObject input, RecordCreateOptions? create, CancellationToken ct)
    {
        var context = Context(user);
        var (data, errors) = normalizer.Normalize(definition, null, input, partial: false, access, context);
        var list = errors.ToList();
        await references.CheckAsync(tx.Connection!, user, definition, null, data, list, ct);
        if (list.Count == 0) list.AddRange(ContractViolations(definition, data));
        if (list.Count > 0) return new RecordWriteResult.Invalid(list);
        await AutoNumbers.AssignAsync(tx, definition, data, TimeZoneInfo.ConvertTime(context.Now, context.TimeZone).DateTime, ct);

        var now = context.Now;
        var id = create?.Id ?? Guid.CreateVersion7(now);
        var partner = PartnerOf(definition, data, user);
        var row = new
        {
            id, partner, app = definition.App, form = definition.Key, data = data.ToJsonString(), title = Title(definition, data),
            owner = create?.OwnerId ?? (user.IsSystem ? (Guid?)null : user.UserId),
            department = create?.DepartmentId ?? user.DepartmentId,
            actor = user.UserId, now,
        };
        try
        {
            await tx.Connection!.ExecuteAsync(new CommandDefinition("""
                SAVEPOINT record_write;
                INSERT INTO forms.records (id, app_key, form_key, data, title, owner_id, department_id, partner_id,
                                           created_by, created_at, updated_by, updated_at, version)
                VALUES (@id, @app, @form, @data::jsonb, @title, @owner, @department, @partner, @actor, @now, @actor, @now, 1);
                RELEASE SAVEPOINT record_write;
                """, row, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && UniqueField(definition, e) is { } field)
        {
            await tx.Connection!.ExecuteAsync(new CommandDefinition("ROLLBACK TO SAVEPOINT record_write", transaction: tx, cancellationToken: ct));
            return new RecordWriteResult.Invalid([FieldErrors.Unique(field.Key, field.Label.En, field.Label.Zh)]);
        }
        await RecordChangeWriter.WriteAsync(tx, id, definition.App, definition.Key, 1, "created", user.UserId, now, null, data, ct);
        var saved = await ReadRowAsync(tx.Connection!, tx, definition, id, SqlPredicate.True, includeDeleted: false, ct);
        return new RecordWriteResult.Saved(Visible(saved!, access));
    }

    public async Task<FormRecord?> GetAsync(UserContext user, string app, string form, Guid id, CancellationToken ct, bool includeDeleted = false)
    {
        if (await definitions.GetPublishedAsync(app, form, ct) is not { } definition) return null;
        var access = permissions.Resolve(user, definition);
        var scope = await permissions.ReadScopeAsync(user, definition, "r", ct);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var row = await ReadRowAsync(conn, null, definition, id, scope, includeDeleted, ct);
        return row is null ? null : Visible(row, access);
    }

    public async Task<RecordWriteResult> UpdateAsync(UserContext user, string app, string form, Guid id, JsonObject input, int expectedVersion, bool partial, CancellationToken ct)
    {
        if (await definitions.GetPublishedAsync(app, form, ct) is not { } definition) return RecordWriteResult.Missing;
        var access = permissions.Resolve(user, definition);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var result = await UpdateInTransactionAsync(tx, user, definition, access, id, input, expectedVersion, partial, ct);
        if (result is RecordWriteResult.Saved) await tx.CommitAsync(ct);
        return result;
    }

    internal async Task<RecordWriteResult> UpdateInTransactionAsync(NpgsqlTransaction tx, UserContext user, FormDefinition definition, RecordAccess access,
        Guid id, JsonObject input, int? expectedVersion, bool partial, CancellationToken ct)
    {
        var (current, refusal) = await LockForActionAsync(tx, user, definition, access, id, FormAction.Update, ct);
        if (refusal is not null) return refusal;
        if (current!.DeletedAt is not null) return RecordWriteResult.Missing;
        if (expectedVersion is { } expected && expected != current.Version) return new RecordWriteResult.Conflict(current.Version);
        var before = current.ParseData();
        var context = Context(user);
        var (data, errors) = normalizer.Normalize(definition, before, input, partial, access, context);
        var list = errors.ToList();
        await references.CheckAsync(tx.Connection!, user, definition, before, data, list, ct);
        if (list.Count == 0) list.AddRange(ContractViolations(definition, data));
        if (list.Count > 0) return new RecordWriteResult.Invalid(list);
        if (HistoryDiff.Between(before, data).Count == 0) return new RecordWriteResult.Saved(Visible(current, access));

        var now = context.Now;
        var version = current.Version + 1;
        var partner = PartnerOf(definition, data, user, current.PartnerId);
        try
        {
            await tx.Connection!.ExecuteAsync(new CommandDefinition("""
                SAVEPOINT record_write;
                UPDATE forms.records SET data = @data::jsonb, title = @title, partner_id = @partner, updated_by = @actor, updated_at = @now, version = @version
                WHERE id = @id;
                RELEASE SAVEPOINT record_write;
                """, new { id, data = data.ToJsonString(), title = Title(definition, data), partner,
                    actor = user.UserId, now, version }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && UniqueField(definition, e) is { } field)
        {
            await tx.Connection!.ExecuteAsync(new CommandDefinition("ROLLBACK TO SAVEPOINT record_write", transaction: tx, cancellationToken: ct));
            return new RecordWriteResult.Invalid([FieldErrors.Unique(field.Key, field.Label.En, field.Label.Zh)]);
        }
        await RecordChangeWriter.WriteAsync(tx, id, definition.App, definition.Key, version, "updated", user.UserId, now, before, data, ct);
        var saved = await ReadRowAsync(tx.Connection!, tx, definition, id, SqlPredicate.True, includeDeleted: false, ct);
        return new RecordWriteResult.Saved(Visible(saved!, access));
    }

    public async Task<RecordWriteResult> AssignAsync(UserContext user, string app, string form, Guid id, Guid ownerId, Guid? departmentId, int? expectedVersion, CancellationToken ct)
    {
        if (await definitions.GetPublishedAsync(app, form, ct) is not { } definition) return RecordWriteResult.Missing;
        var access = permissions.Resolve(user, definition);
        var department = departmentId ?? (await org.FindUserAsync(ownerId, ct))?.DepartmentId;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (current, refusal) = await LockForActionAsync(tx, user, definition, access, id, FormAction.Update, ct);
        if (refusal is not null) return refusal;
        if (current!.DeletedAt is not null) return RecordWriteResult.Missing;
        if (expectedVersion is { } expected && expected != current.Version) return new RecordWriteResult.Conflict(current.Version);
        var now = clock.GetUtcNow();
        var version = current.Version + 1;
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE forms.records SET owner_id = @ownerId, department_id = @department, updated_by = @actor, updated_at = @now, version = @version WHERE id = @id",
            new { id, ownerId, department, actor = user.UserId, now, version }, tx, cancellationToken: ct));
        var data = current.ParseData();
        var change = new FieldChange("_owner", current.OwnerId is { } o ? JsonValue.Create(o.ToString()) : null, JsonValue.Create(ownerId.ToString()));
        await RecordChangeWriter.WriteAsync(tx, id, app, form, version, "updated", user.UserId, now, data, data, ct, [change]);
        await tx.CommitAsync(ct);
        var saved = await ReadRowAsync(conn, null, definition, id, SqlPredicate.True, includeDeleted: false, ct);
        return new RecordWriteResult.Saved(Visible(saved!, access));
    }

    public Task<RecordWriteResult> DeleteAsync(UserContext user, string app, string form, Guid id, int? expectedVersion, CancellationToken ct) =>
        ChangeDeletionAsync(user, app, form, id, expectedVersion, delete: true, ct);

    public Task<RecordWriteResult> RestoreAsync(UserContext user, string app, string form, Guid id, CancellationToken ct) =>
        ChangeDeletionAsync(user, app, form, id, null, delete: false, ct);

    private async Task<RecordWriteResult> ChangeDeletionAsync(UserContext user, string app, string form, Guid id, int? expectedVersion, bool delete, CancellationToken ct)
    {
        if (await definitions.GetPublishedAsync(app, form, ct) is not { } definition) return RecordWriteResult.Missing;
        var access = permissions.Resolve(user, definition);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (current, refusal) = await LockForActionAsync(tx, user, definition, access, id, FormAction.Delete, ct);
        if (refusal is not null) return refusal;
        if ((current!.DeletedAt is null) != delete) return RecordWriteResult.Missing;
        if (expectedVersion is { } expected && expected != current.Version) return new RecordWriteResult.Conflict(current.Version);
        var now = clock.GetUtcNow();
        var version = current.Version + 1;
        try
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "UPDATE forms.records SET deleted_at = @deletedAt, updated_by = @actor, updated_at = @now, version = @version WHERE id = @id",
                new { id, deletedAt = delete ? now : (DateTimeOffset?)null, actor = user.UserId, now, version }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (!delete && e.SqlState == PostgresErrorCodes.UniqueViolation && UniqueField(definition, e) is { } field)
        {
            return new RecordWriteResult.Invalid([FieldErrors.Unique(field.Key, field.Label.En, field.Label.Zh)]);
        }
        var data = current.ParseData();
        await RecordChangeWriter.WriteAsync(tx, id, app, form, version, delete ? "deleted" : "restored", user.UserId, now,
            delete ? data : null, delete ? null : data, ct);
        await tx.CommitAsync(ct);
        var saved = await ReadRowAsync(conn, null, definition, id, SqlPredicate.True, includeDeleted: true, ct);
        return new RecordWriteResult.Saved(Visible(saved!, access));
    }

    public async Task<IReadOnlyList<RecordHistoryEntry>?> HistoryAsync(UserContext user, string app, string form, Guid id, CancellationToken ct)
    {
        if (await definitions.GetPublishedAsync(app, form, ct) is not { } definition) return null;
        var access = permissions.Resolve(user, definition);
        var scope = await permissions.ReadScopeAsync(user, definition, "r", ct);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (await ReadRowAsync(conn, null, definition, id, scope, includeDeleted: true, ct) is null) return null;
        var rows = await conn.QueryAsync<(long Id, int Version, string Kind, Guid Actor, DateTime At, string Changes)>(new CommandDefinition(
            "SELECT id, version, kind, actor_id, occurred_at, changes::text FROM forms.record_history WHERE record_id = @id ORDER BY id",
            new { id }, cancellationToken: ct));
        return rows.Select(r => new RecordHistoryEntry(r.Id, r.Version, r.Kind, r.Actor, new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)),
            HistoryDiff.FromJson(r.Changes).Where(c => access.IsVisible(c.Field)).ToList())).ToList();
    }

    /// <summary>Locks the row when the user may perform <paramref name="action"/> on it; invisible rows are "not found".</summary>
    private async Task<(RecordRow? Row, RecordWriteResult? Refusal)> LockForActionAsync(NpgsqlTransaction tx, UserContext user,
        FormDefinition definition, RecordAccess access, Guid id, FormAction action, CancellationToken ct)
    {
        var readScope = await permissions.ReadScopeAsync(user, definition, "r", ct);
        var row = await ReadRowAsync(tx.Connection!, tx, definition, id, readScope, includeDeleted: true, ct, forUpdate: true);
        if (row is null) return (null, RecordWriteResult.Missing);
        if (!access.Can(action)) return (null, Denied(definition, action == FormAction.Update ? "update" : "delete", action == FormAction.Update ? "修改" : "删除"));
        if (!access.Unrestricted)
        {
            var actionScope = await permissions.ScopePredicateAsync(user, access.ScopesFor(action), "r", ct);
            if (await ReadRowAsync(tx.Connection!, tx, definition, id, actionScope, includeDeleted: true, ct) is null)
                return (null, Denied(definition, action == FormAction.Update ? "update" : "delete", action == FormAction.Update ? "修改" : "删除"));
        }
        return (row, null);
    }

    internal static async Task<RecordRow?> ReadRowAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, FormDefinition definition, Guid id,
        SqlPredicate scope, bool includeDeleted, CancellationToken ct, bool forUpdate = false)
    {
        var args = new DynamicParameters(scope.Parameters);
        args.AddDynamicParams(new { id, app = definition.App, form = definition.Key });
        var sql = $"SELECT {RecordRow.Columns} FROM forms.records r WHERE r.id = @id AND r.app_key = @app AND r.form_key = @form AND {scope.Sql}"
            + (includeDeleted ? "" : " AND r.deleted_at IS NULL") + (forUpdate ? " FOR UPDATE" : "");
        return await conn.QuerySingleOrDefaultAsync<RecordRow>(new CommandDefinition(sql, args, tx, cancellationToken: ct));
    }

    internal static FormRecord Visible(RecordRow row, RecordAccess access)
    {
        var data = row.ParseData();
        foreach (var key in data.Select(p => p.Key).Where(k => !access.IsVisible(k)).ToList()) data.Remove(key);
        var record = row.ToRecord(data);
        return access.TitleHidden ? record with { Title = null } : record;
    }

    internal FieldContext Context(UserContext user) =>
        new(user, clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone));

    /// <summary>The normalised data must fit the published JSON Schema; a miss here is a field type bug, reported rather than stored.</summary>
    internal IEnumerable<FieldError> ContractViolations(FormDefinition definition, JsonObject data) =>
        schema.Validate(definition, data).Select(v => new FieldError(v.Split(':')[0].TrimStart('#', '/').Replace('/', '.'), "schema",
            $"The value does not fit the form's data schema ({v}).", $"该值不符合表单的数据结构（{v}）。"));

    internal string? Title(FormDefinition definition, JsonObject data)
    {
        var field = definition.TitleField is { } key ? definition.Field(key) : definition.Fields.FirstOrDefault(f => f.Type == "text");
        if (field is null) return null;
        var text = types.Get(field.Type).Format(field, data[field.Key], TitleCulture);
        return text.Length == 0 ? null : text;
    }

    internal static Guid? PartnerOf(FormDefinition definition, JsonObject data, UserContext user, Guid? current = null)
    {
        // A partner user's records always belong to their own partner, whatever the input says.
        if (user.PartnerId is { } own)
        {
            if (definition.PartnerField is { } field) data[field] = (current ?? own).ToString();
            return current ?? own;
        }
        if (definition.PartnerField is { } key)
            return FieldInput.TryGuid(data[key], out var partner) ? partner : null;
        return current;
    }

    private static FieldDefinition? UniqueField(FormDefinition definition, PostgresException e) =>
        definition.Fields.FirstOrDefault(f => f.Unique && RecordIndexManager.IndexName(definition.App, definition.Key, f.Key, RecordIndexManager.UniqueKind) == e.ConstraintName);

    private static RecordWriteResult.Forbidden Denied(FormDefinition definition, string en, string zh) =>
        new($"You may not {en} records of '{definition.Name.En}'.", $"您没有{zh}“{definition.Name.Zh}”记录的权限。");
}
