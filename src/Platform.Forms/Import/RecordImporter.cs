using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Forms.Permissions;
using Platform.Forms.Queries;
using Platform.Forms.Records;

namespace Platform.Forms.Import;

/// <summary>
/// Imports spreadsheet rows through the same validation, permissions, history and events as single writes.
/// Rows go in batches of one transaction each (one transaction for the whole file when all-or-nothing),
/// and a failed row never leaves anything behind.
/// </summary>
internal sealed class RecordImporter(NpgsqlDataSource dataSource, IFormDefinitions definitions, RecordPermissions permissions,
    RecordStore store, FieldTypeRegistry types)
{
    private const int BatchSize = 500;

    public async Task<ImportReport> ImportAsync(UserContext user, string app, string form, byte[] content, string fileName, ImportOptions options,
        Func<int, Task>? progress, CancellationToken ct)
    {
        if (await definitions.GetPublishedAsync(app, form, ct) is not { } definition)
            return Refused($"Form '{app}/{form}' is not published.", $"表单“{app}/{form}”尚未发布。");
        var access = permissions.Resolve(user, definition);
        if (!access.Can(FormAction.Import)) return Refused("You may not import into this form.", "您无权向此表单导入数据。");
        var (headers, rows) = SpreadsheetReader.Read(content, fileName);
        var (columns, mappingErrors) = Map(definition, headers, options);
        if (mappingErrors.Count > 0) return new ImportReport(rows.Count, 0, 0, 0, rows.Count, false, mappingErrors);
        var key = options.KeyField is { } k ? definition.Field(k) : null;
        if (options.KeyField is not null && (key is null || !columns.Any(c => c.Field.Key == key.Key)))
            return Refused($"Key field '{options.KeyField}' is not a mapped field of the form.", $"关键字段“{options.KeyField}”不是已映射的表单字段。");

        var tally = new Tally();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            for (var i = 0; i < rows.Count; i++)
            {
                await ImportRowAsync(tx, user, definition, access, columns, key, options, rows[i], i + 2, tally, ct);
                if (!options.AllOrNothing && (i + 1) % BatchSize == 0)
                {
                    await tx.CommitAsync(ct);
                    await tx.DisposeAsync();
                    tx = await conn.BeginTransactionAsync(ct);
                }
                if (progress is not null && (i + 1) % BatchSize == 0) await progress(i + 1);
            }
            var rollBack = options.AllOrNothing && tally.Failed > 0;
            if (rollBack) await tx.RollbackAsync(ct);
            else await tx.CommitAsync(ct);
            return rollBack
                ? new ImportReport(rows.Count, 0, 0, 0, tally.Failed, true, tally.Errors)
                : new ImportReport(rows.Count, tally.Inserted, tally.Updated, tally.Skipped, tally.Failed, false, tally.Errors);
        }
        finally { await tx.DisposeAsync(); }
    }

    private sealed class Tally
    {
        public int Inserted, Updated, Skipped, Failed;
        public List<ImportRowError> Errors { get; } = [];
    }

    private async Task ImportRowAsync(NpgsqlTransaction tx, UserContext user, FormDefinition definition, RecordAccess access,
        IReadOnlyList<(int Index, FieldDefinition Field)> columns, FieldDefinition? key, ImportOptions options, string?[] row, int rowNumber, Tally tally, CancellationToken ct)
    {
        var input = new JsonObject();
        foreach (var (index, field) in columns)
        {
            var text = row.ElementAtOrDefault(index);
            if (!string.IsNullOrWhiteSpace(text)) input[field.Key] = types.Get(field.Type).FromText(field, text.Trim());
        }
        var existing = key is not null && input[key.Key] is { } keyValue ? await FindAsync(tx, user, definition, key, keyValue, ct) : null;
        RecordWriteResult result;
        if (existing is { } match && options.OnDuplicate == DuplicateMode.Skip)
        {
            tally.Skipped++;
            return;
        }
        if (existing is { } target && options.OnDuplicate == DuplicateMode.Update)
        {
            if (!access.Can(FormAction.Update)) { Fail(tally, rowNumber, "", "You may not update existing records.", "您无权更新已有记录。"); return; }
            result = await store.UpdateInTransactionAsync(tx, user, definition, access, target, input, null, partial: true, ct);
            if (result is RecordWriteResult.Saved) { tally.Updated++; return; }
        }
        else
        {
            result = await store.CreateInTransactionAsync(tx, user, definition, access, input, null, ct);
            if (result is RecordWriteResult.Saved) { tally.Inserted++; return; }
        }
        if (result is RecordWriteResult.Invalid invalid)
        {
            tally.Failed++;
            tally.Errors.AddRange(invalid.Errors.Select(e => new ImportRowError(rowNumber, e.Field, e.En, e.Zh)));
        }
        else Fail(tally, rowNumber, "", "The existing record cannot be changed by you.", "您无法修改该已有记录。");
    }

    private static void Fail(Tally tally, int row, string field, string en, string zh)
    {
        tally.Failed++;
        tally.Errors.Add(new ImportRowError(row, field, en, zh));
    }

    private async Task<Guid?> FindAsync(NpgsqlTransaction tx, UserContext user, FormDefinition definition, FieldDefinition key, JsonNode keyValue, CancellationToken ct)
    {
        var type = types.Get(key.Type);
        var normalised = type.Normalize(key, keyValue.DeepClone(), store.Context(user)).Value;
        if (normalised is null || type.SqlKind(key) is not (SqlValueKind.Text or SqlValueKind.Numeric)) return null;
        var scope = await permissions.ReadScopeAsync(user, definition, "r", ct);
        var args = new DynamicParameters(scope.Parameters);
        object value = type.SqlKind(key) == SqlValueKind.Numeric ? normalised.GetValue<decimal>() : FieldInput.AsString(normalised)!;
        args.AddDynamicParams(new { app = definition.App, form = definition.Key, value });
        return await tx.Connection!.QueryFirstOrDefaultAsync<Guid?>(new CommandDefinition(
            $"SELECT r.id FROM forms.records r WHERE r.app_key = @app AND r.form_key = @form AND r.deleted_at IS NULL AND {FieldSql.Value(key, type)} = @value AND {scope.Sql} LIMIT 1",
            args, tx, cancellationToken: ct));
    }

    private (IReadOnlyList<(int Index, FieldDefinition Field)> Columns, List<ImportRowError> Errors) Map(FormDefinition definition, IReadOnlyList<string> headers, ImportOptions options)
    {
        var columns = new List<(int Index, FieldDefinition Field)>();
        var errors = new List<ImportRowError>();
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            string? target = options.Mapping?.GetValueOrDefault(header);
            var field = target is not null ? definition.Field(target)
                : definition.Fields.FirstOrDefault(f => f.Key == header || f.Label.En.Equals(header, StringComparison.OrdinalIgnoreCase) || f.Label.Zh == header);
            if (target is not null && field is null)
                errors.Add(new ImportRowError(1, target, $"Column '{header}' is mapped to unknown field '{target}'.", $"列“{header}”映射到了不存在的字段“{target}”。"));
            else if (field is not null && (types.Get(field.Type).IsComputed || field.Type is "subtable" || types.Get(field.Type) is FileFieldTypeBase))
                errors.Add(new ImportRowError(1, field.Key, $"Field '{field.Key}' ({field.Type}) cannot be imported.", $"字段“{field.Key}”（{field.Type}）不能导入。"));
            else if (field is not null) columns.Add((i, field));
        }
        foreach (var missing in options.Mapping?.Keys.Where(h => !headers.Contains(h)) ?? [])
            errors.Add(new ImportRowError(1, options.Mapping![missing], $"The file has no column '{missing}'.", $"文件中没有列“{missing}”。"));
        return (columns, errors);
    }

    private static ImportReport Refused(string en, string zh) => new(0, 0, 0, 0, 0, false, [new ImportRowError(0, "", en, zh)]);
}
