using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Microsoft.Extensions.Options;
using Platform.Core.Organization;
using Platform.Forms.Bulk;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Forms.Permissions;
using Platform.Forms.Queries;
using Platform.Forms.Records;

namespace Platform.Forms.Import;

/// <summary>
/// Imports spreadsheet rows through the same validation, permissions, history and events as single writes.
/// Rows go in batches of one transaction each (one transaction for the whole file when all-or-nothing), and a
/// failed row never leaves anything behind. Files that only create records (no key field, or duplicates created)
/// go through the bulk loader in segments. Each commit carries a <see cref="ImportCheckpoint"/> written by the
/// caller in the same transaction, so an interrupted import resumes after the last committed row.
/// </summary>
internal sealed class RecordImporter(NpgsqlDataSource dataSource, IFormDefinitions definitions, RecordPermissions permissions,
    RecordStore store, RecordBulkLoader bulk, FieldTypeRegistry types, IOptions<FormsOptions> settings)
{
    public async Task<ImportReport> ImportAsync(UserContext user, string app, string form, byte[] content, string fileName, ImportOptions options,
        ImportCheckpoint? resume, Func<NpgsqlTransaction, ImportCheckpoint, Task>? checkpoint, CancellationToken ct)
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

        var tally = new Tally(resume);
        var start = resume?.NextRow ?? 0;
        var batch = Math.Max(1, settings.Value.ImportBatchSize);
        if ((key is null || options.OnDuplicate == DuplicateMode.Create) && rows.Count - start >= settings.Value.BulkImportThreshold)
            return await BulkAsync(user, definition, access, columns, options, rows, start, tally, checkpoint, ct);

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            for (var i = start; i < rows.Count; i++)
            {
                await ImportRowAsync(tx, user, definition, access, columns, key, options, rows[i], i + 2, tally, ct);
                if (!options.AllOrNothing && (i + 1) % batch == 0 && i + 1 < rows.Count)
                {
                    if (checkpoint is not null) await checkpoint(tx, tally.Checkpoint(i + 1));
                    await tx.CommitAsync(ct);
                    await tx.DisposeAsync();
                    tx = await conn.BeginTransactionAsync(ct);
                }
            }
            var rollBack = options.AllOrNothing && tally.Failed > 0;
            if (rollBack) await tx.RollbackAsync(ct);
            else
            {
                if (checkpoint is not null) await checkpoint(tx, tally.Checkpoint(rows.Count));
                await tx.CommitAsync(ct);
            }
            return rollBack
                ? new ImportReport(rows.Count, 0, 0, 0, tally.Failed, true, tally.AllErrors)
                : new ImportReport(rows.Count, tally.Inserted, tally.Updated, tally.Skipped, tally.Failed, false, tally.AllErrors);
        }
        finally { await tx.DisposeAsync(); }
    }

    private async Task<ImportReport> BulkAsync(UserContext user, FormDefinition definition, RecordAccess access, IReadOnlyList<(int Index, FieldDefinition Field)> columns,
        ImportOptions options, IReadOnlyList<string?[]> rows, int start, Tally tally, Func<NpgsqlTransaction, ImportCheckpoint, Task>? checkpoint, CancellationToken ct)
    {
        var segment = options.AllOrNothing ? rows.Count : Math.Max(1, settings.Value.ImportBulkSegmentSize);
        for (var first = start; first < rows.Count; first += segment)
        {
            var last = Math.Min(rows.Count, first + segment);
            var offset = first;
            var result = await bulk.LoadAsync(user, definition, access,
                Enumerable.Range(first, last - first).Select(i => new BulkRow(Input(columns, rows[i]))),
                new BulkLoadOptions { AllOrNothing = options.AllOrNothing, ExpectedRows = last - first },
                async (tx, loaded) =>
                {
                    tally.Add(loaded, offset);
                    if (checkpoint is not null) await checkpoint(tx, tally.Checkpoint(last));
                }, ct);
            if (!result.RolledBack) continue;
            if (options.AllOrNothing)
            {
                tally.Add(result, offset);
                return new ImportReport(rows.Count, 0, 0, 0, tally.Failed, true, tally.AllErrors);
            }
            // A segment refused as a whole (a unique value taken concurrently): its rows fail, the next segments go on.
            tally.Add(result, offset, wholeSegment: last - first);
        }
        return new ImportReport(rows.Count, tally.Inserted, tally.Updated, tally.Skipped, tally.Failed, false, tally.AllErrors);
    }

    private JsonObject Input(IReadOnlyList<(int Index, FieldDefinition Field)> columns, string?[] row)
    {
        var input = new JsonObject();
        foreach (var (index, field) in columns)
        {
            var text = row.ElementAtOrDefault(index);
            if (!string.IsNullOrWhiteSpace(text)) input[field.Key] = types.Get(field.Type).FromText(field, text.Trim());
        }
        return input;
    }

    /// <summary>Counts so far; errors since the last checkpoint are kept apart so a checkpoint appends only those.</summary>
    private sealed class Tally(ImportCheckpoint? resume)
    {
        public int Inserted = resume?.Inserted ?? 0, Updated = resume?.Updated ?? 0, Skipped = resume?.Skipped ?? 0, Failed = resume?.Failed ?? 0;
        private readonly List<ImportRowError> _earlier = [.. resume?.Errors ?? []];
        public List<ImportRowError> Errors { get; } = [];
        public IReadOnlyList<ImportRowError> AllErrors => [.. _earlier, .. Errors];

        public ImportCheckpoint Checkpoint(int nextRow)
        {
            var checkpoint = new ImportCheckpoint(nextRow, Inserted, Updated, Skipped, Failed, [.. Errors]);
            _earlier.AddRange(Errors);
            Errors.Clear();
            return checkpoint;
        }

        public void Add(BulkLoadResult result, int offset, int wholeSegment = 0)
        {
            Inserted += result.Inserted;
            Failed += wholeSegment > 0 ? wholeSegment : result.Failed;
            Errors.AddRange(result.Errors.Select(e => new ImportRowError(e.Row < 0 ? offset + 2 : offset + e.Row + 2, e.Field, e.En, e.Zh)));
        }
    }

    private async Task ImportRowAsync(NpgsqlTransaction tx, UserContext user, FormDefinition definition, RecordAccess access,
        IReadOnlyList<(int Index, FieldDefinition Field)> columns, FieldDefinition? key, ImportOptions options, string?[] row, int rowNumber, Tally tally, CancellationToken ct)
    {
        var input = Input(columns, row);
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
