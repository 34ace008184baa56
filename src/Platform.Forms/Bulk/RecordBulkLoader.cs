using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Forms.Permissions;
using Platform.Forms.Queries;
using Platform.Forms.Records;
using Platform.Forms.Storage;

namespace Platform.Forms.Bulk;

/// <summary>
/// Rows are normalised in parallel on a producer task while the consumer streams them to PostgreSQL by binary COPY,
/// so the client's CPU work overlaps the server's. A form without unique fields gets its records, history rows and
/// outbox events copied straight into their tables; a form with unique fields goes through a temporary staging
/// table, where duplicates (against stored records and within the load) are found set-based and reported per row
/// before set-based inserts. The unique indexes still refuse anything a concurrent writer slipped in, in which case
/// the whole load rolls back and names the field. Relations, files and auto-numbers are settled between COPY
/// chunks inside the load's transaction.
/// </summary>
internal sealed class RecordBulkLoader(
    NpgsqlDataSource dataSource,
    IFormDefinitions definitions,
    RecordPermissions permissions,
    RecordNormalizer normalizer,
    ReferenceChecker references,
    RecordStore store,
    RecordIndexManager indexes,
    FieldTypeRegistry types,
    IServiceScopeFactory scopes,
    IOptions<FormsOptions> options) : IRecordBulkLoader
{
    private const int ChunkSize = 5_000;
    private const int BlockSize = 128;
    private const int ContractCheckedRows = 1_000;
    private const int ContractCheckEvery = 100;

    public async Task<BulkLoadResult> LoadAsync(UserContext user, string app, string form, IEnumerable<BulkRow> rows, BulkLoadOptions load, CancellationToken ct)
    {
        if (await definitions.GetPublishedAsync(app, form, ct) is not { } definition)
            return BulkLoadResult.Refused($"Form '{app}/{form}' is not published.", $"表单“{app}/{form}”尚未发布。");
        var access = permissions.Resolve(user, definition);
        if (!access.Can(FormAction.Create))
            return BulkLoadResult.Refused($"You may not create records of '{definition.Name.En}'.", $"您没有新建“{definition.Name.Zh}”记录的权限。");
        return await LoadAsync(user, definition, access, rows, load, null, ct);
    }

    /// <summary><paramref name="beforeCommit"/> runs inside the load's transaction (import jobs record their progress with the rows).</summary>
    internal async Task<BulkLoadResult> LoadAsync(UserContext user, FormDefinition definition, RecordAccess access, IEnumerable<BulkRow> rows,
        BulkLoadOptions load, Func<NpgsqlTransaction, BulkLoadResult, Task>? beforeCommit, CancellationToken ct)
    {
        // One bulk load per form at a time: index deferral of one must not race the rebuild of another.
        await using var guard = await dataSource.OpenConnectionAsync(ct);
        var lockKey = $"forms.bulk:{definition.App}/{definition.Key}";
        await guard.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(hashtextextended(@lockKey, 0))", new { lockKey }, cancellationToken: ct, commandTimeout: 0));
        var defer = load.ExpectedRows >= options.Value.BulkIndexDeferThreshold;
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<FormsDbContext>();
                // Repairs what an interrupted earlier load left deferred, then defers for this one.
                await indexes.SyncAsync(db, definition, ct);
                if (defer) await indexes.DeferAsync(db, definition, ct);
            }
            var result = await LoadCoreAsync(user, definition, access, rows, load, beforeCommit, ct);
            return result with { IndexesRebuilt = defer };
        }
        finally
        {
            if (defer)
            {
                await using var scope = scopes.CreateAsyncScope();
                await indexes.SyncAsync(scope.ServiceProvider.GetRequiredService<FormsDbContext>(), definition, CancellationToken.None);
            }
            await guard.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(hashtextextended(@lockKey, 0))", new { lockKey }));
        }
    }

    /// <summary>
    /// A row after normalisation. Once its data is final it is <see cref="Encode">encoded</see> and the document is
    /// dropped, so rows waiting for COPY hold a few byte arrays rather than a tree of JSON nodes.
    /// </summary>
    private sealed class Prepared(int row, JsonObject? data, IReadOnlyList<FieldError> errors, RecordCreateOptions? options)
    {
        public int Row => row;
        public JsonObject? Data { get; private set; } = data;
        public IReadOnlyList<FieldError> Errors => errors;
        public RecordCreateOptions? Options => options;
        public Encoded? Encoded { get; private set; }

        public void Encode(FormDefinition definition, UserContext user, RecordStore store)
        {
            Encoded = RecordBulkLoader.Encode(definition, user, store, Data!);
            Data = null;
        }
    }

    /// <summary>What the COPY streams carry for one record: its data (UTF-8 JSON), title, and the "created" history change list.</summary>
    private sealed record Encoded(byte[] Data, string? Title, byte[] Changes, string[] Fields, Guid? Partner);

    private async Task<BulkLoadResult> LoadCoreAsync(UserContext user, FormDefinition definition, RecordAccess access, IEnumerable<BulkRow> rows,
        BulkLoadOptions load, Func<NpgsqlTransaction, BulkLoadResult, Task>? beforeCommit, CancellationToken ct)
    {
        var context = store.Context(user);
        // Relations, files and auto-numbers are settled in the load's transaction, so their rows are encoded after that.
        var needsDatabase = definition.Fields.Any(f => f.Type is "relation" or "autonumber" || types.Get(f.Type) is FileFieldTypeBase);
        // Without unique fields nothing can collide, so rows go straight into the tables; otherwise through a staging
        // table where duplicates are found and reported per row before anything is inserted.
        var staged = definition.Fields.Any(f => f.Unique);
        var channel = Channel.CreateBounded<Prepared>(new BoundedChannelOptions(ChunkSize) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                var row = 0;
                foreach (var block in rows.Chunk(BlockSize))
                {
                    var first = row;
                    var prepared = new Prepared[block.Length];
                    Parallel.For(0, block.Length, new ParallelOptions { CancellationToken = stop.Token }, i =>
                    {
                        var item = Prepare(definition, access, context, first + i, block[i]);
                        if (item.Data is not null && !needsDatabase) item.Encode(definition, user, store);
                        prepared[i] = item;
                    });
                    foreach (var item in prepared) await channel.Writer.WriteAsync(item, stop.Token);
                    row += block.Length;
                }
                channel.Writer.Complete();
            }
            catch (Exception e) { channel.Writer.Complete(e); }
        }, stop.Token);

        var errors = new List<BulkRowError>();
        var total = 0;
        var written = 0;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            if (staged)
                await conn.ExecuteAsync(new CommandDefinition("""
                    CREATE TEMP TABLE forms_bulk_stage (seq integer NOT NULL, id uuid NOT NULL, data jsonb NOT NULL, title text,
                      owner_id uuid, department_id uuid, partner_id uuid, changes jsonb NOT NULL, fields text[] NOT NULL) ON COMMIT DROP
                    """, transaction: tx, cancellationToken: ct));
            var chunk = new List<Prepared>(ChunkSize);
            while (await channel.Reader.WaitToReadAsync(ct))
            {
                while (chunk.Count < ChunkSize && channel.Reader.TryRead(out var item)) chunk.Add(item);
                if (chunk.Count < ChunkSize && !channel.Reader.Completion.IsCompleted) continue;
                total += chunk.Count;
                written += await WriteChunkAsync(conn, tx, user, definition, context, chunk, staged, errors, ct);
                chunk.Clear();
            }
            total += chunk.Count;
            written += await WriteChunkAsync(conn, tx, user, definition, context, chunk, staged, errors, ct);
            await producer;

            if (staged) errors.AddRange(await DuplicatesAsync(conn, tx, definition, ct));
            var failed = errors.Select(e => e.Row).Distinct().Count();
            if (load.AllOrNothing && failed > 0)
            {
                await tx.RollbackAsync(ct);
                return new BulkLoadResult(total, 0, failed, true, false, Ordered(errors));
            }
            var inserted = staged ? await InsertStagedAsync(conn, tx, user, definition, errors.Select(e => e.Row).Distinct().ToArray(), context.Now, ct) : written;
            var result = new BulkLoadResult(total, inserted, failed, false, false, Ordered(errors));
            if (beforeCommit is not null) await beforeCommit(tx, result);
            await tx.CommitAsync(ct);
            return result;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // A concurrent writer took a unique value after the duplicate check: nothing of the load is kept.
            await tx.RollbackAsync(CancellationToken.None);
            var field = definition.Fields.FirstOrDefault(f => f.Unique && RecordIndexManager.IndexName(definition.App, definition.Key, f.Key, RecordIndexManager.UniqueKind) == e.ConstraintName);
            var unique = FieldErrors.Unique(field?.Key ?? "", field?.Label.En ?? e.ConstraintName ?? "", field?.Label.Zh ?? e.ConstraintName ?? "");
            return new BulkLoadResult(total, 0, total, true, false, [new BulkRowError(-1, unique.Field, unique.Code, unique.En, unique.Zh)]);
        }
        finally
        {
            await stop.CancelAsync();
            try { await producer; } catch (Exception) when (ct.IsCancellationRequested || stop.IsCancellationRequested) { }
        }
    }

    /// <summary>
    /// Normalisation and the rules run on every row. The JSON Schema contract check, a guard against field-type bugs
    /// rather than against user input, costs several times the normalisation itself, so a bulk load applies it to the
    /// first rows and then to every hundredth row.
    /// </summary>
    private Prepared Prepare(FormDefinition definition, RecordAccess access, FieldContext context, int row, BulkRow input)
    {
        var (data, errors) = normalizer.Normalize(definition, null, input.Data, partial: false, access, context);
        var list = errors.ToList();
        if (list.Count == 0 && (row < ContractCheckedRows || row % ContractCheckEvery == 0)) list.AddRange(store.ContractViolations(definition, data));
        return new Prepared(row, list.Count == 0 ? data : null, list, input.Options);
    }

    /// <summary>
    /// The same history change list a single create writes (every field with a value, from nothing to that value),
    /// written straight from the data rather than through HistoryDiff's cloned change objects.
    /// </summary>
    private static Encoded Encode(FormDefinition definition, UserContext user, RecordStore store, JsonObject data)
    {
        var partner = RecordStore.PartnerOf(definition, data, user);
        // The document is serialised once; the change list reuses each value's bytes from it.
        var buffer = Buffers.Value ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        Span<(int Start, int End)> spans = stackalloc (int, int)[data.Count];
        var fields = new string[data.Count];
        var count = 0;
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in data)
            {
                writer.WritePropertyName(key);
                writer.Flush();
                var start = buffer.WrittenCount;
                if (value is null) writer.WriteNullValue();
                else value.WriteTo(writer);
                writer.Flush();
                if (value is null) continue;
                spans[count] = (start, buffer.WrittenCount);
                fields[count++] = key;
            }
            writer.WriteEndObject();
        }
        var document = buffer.WrittenSpan.ToArray();
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartArray();
            for (var i = 0; i < count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString(FieldName, fields[i]);
                writer.WriteNull(BeforeName);
                writer.WritePropertyName(AfterName);
                writer.WriteRawValue(document.AsSpan(spans[i].Start..spans[i].End), skipInputValidation: true);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return new Encoded(document, store.Title(definition, data), buffer.WrittenSpan.ToArray(), fields[..count], partner);
    }

    private static readonly JsonEncodedText FieldName = JsonEncodedText.Encode("field");
    private static readonly JsonEncodedText BeforeName = JsonEncodedText.Encode("before");
    private static readonly JsonEncodedText AfterName = JsonEncodedText.Encode("after");
    private static readonly ThreadLocal<ArrayBufferWriter<byte>?> Buffers = new();

    private static List<BulkRowError> Ordered(List<BulkRowError> errors) => errors.OrderBy(e => e.Row).ToList();

    private async Task<int> WriteChunkAsync(NpgsqlConnection conn, NpgsqlTransaction tx, UserContext user, FormDefinition definition, FieldContext context,
        List<Prepared> chunk, bool staged, List<BulkRowError> errors, CancellationToken ct)
    {
        if (chunk.Count == 0) return 0;
        var localNow = TimeZoneInfo.ConvertTime(context.Now, context.TimeZone).DateTime;
        var valid = new List<Prepared>(chunk.Count);
        foreach (var item in chunk)
        {
            if (item.Encoded is not null) { valid.Add(item); continue; }
            var list = item.Errors.ToList();
            if (item.Data is not null)
            {
                await references.CheckAsync(conn, user, definition, null, item.Data, list, ct);
                if (list.Count == 0) await AutoNumbers.AssignAsync(tx, definition, item.Data, localNow, ct);
                if (list.Count == 0) item.Encode(definition, user, store);
            }
            if (list.Count > 0 || item.Encoded is null) errors.AddRange(list.Select(e => new BulkRowError(item.Row, e.Field, e.Code, e.En, e.Zh)));
            else valid.Add(item);
        }
        if (valid.Count == 0) return 0;
        var ids = valid.Select(item => item.Options?.Id ?? Guid.CreateVersion7(context.Now)).ToArray();
        Guid? owner(Prepared item) => item.Options?.OwnerId ?? (user.IsSystem ? null : user.UserId);
        Guid? department(Prepared item) => item.Options?.DepartmentId ?? user.DepartmentId;

        if (staged)
        {
            await using var stage = await conn.BeginBinaryImportAsync(
                "COPY forms_bulk_stage (seq, id, data, title, owner_id, department_id, partner_id, changes, fields) FROM STDIN (FORMAT BINARY)", ct);
            for (var i = 0; i < valid.Count; i++)
            {
                var (item, e) = (valid[i], valid[i].Encoded!);
                await stage.StartRowAsync(ct);
                await stage.WriteAsync(item.Row, NpgsqlDbType.Integer, ct);
                await stage.WriteAsync(ids[i], NpgsqlDbType.Uuid, ct);
                await stage.WriteAsync(e.Data, NpgsqlDbType.Jsonb, ct);
                await WriteNullableAsync(stage, e.Title, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(stage, owner(item), NpgsqlDbType.Uuid, ct);
                await WriteNullableAsync(stage, department(item), NpgsqlDbType.Uuid, ct);
                await WriteNullableAsync(stage, e.Partner, NpgsqlDbType.Uuid, ct);
                await stage.WriteAsync(e.Changes, NpgsqlDbType.Jsonb, ct);
                await stage.WriteAsync(e.Fields, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            }
            await stage.CompleteAsync(ct);
            return valid.Count;
        }

        await using (var records = await conn.BeginBinaryImportAsync("""
            COPY forms.records (id, app_key, form_key, data, title, owner_id, department_id, partner_id, created_by, created_at, updated_by, updated_at, version)
            FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            for (var i = 0; i < valid.Count; i++)
            {
                var (item, e) = (valid[i], valid[i].Encoded!);
                await records.StartRowAsync(ct);
                await records.WriteAsync(ids[i], NpgsqlDbType.Uuid, ct);
                await records.WriteAsync(definition.App, NpgsqlDbType.Text, ct);
                await records.WriteAsync(definition.Key, NpgsqlDbType.Text, ct);
                await records.WriteAsync(e.Data, NpgsqlDbType.Jsonb, ct);
                await WriteNullableAsync(records, e.Title, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(records, owner(item), NpgsqlDbType.Uuid, ct);
                await WriteNullableAsync(records, department(item), NpgsqlDbType.Uuid, ct);
                await WriteNullableAsync(records, e.Partner, NpgsqlDbType.Uuid, ct);
                await records.WriteAsync(user.UserId, NpgsqlDbType.Uuid, ct);
                await records.WriteAsync(context.Now, NpgsqlDbType.TimestampTz, ct);
                await records.WriteAsync(user.UserId, NpgsqlDbType.Uuid, ct);
                await records.WriteAsync(context.Now, NpgsqlDbType.TimestampTz, ct);
                await records.WriteAsync(1, NpgsqlDbType.Integer, ct);
            }
            await records.CompleteAsync(ct);
        }
        await using (var history = await conn.BeginBinaryImportAsync(
            "COPY forms.record_history (record_id, app_key, form_key, version, kind, actor_id, occurred_at, changes) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < valid.Count; i++)
            {
                await history.StartRowAsync(ct);
                await history.WriteAsync(ids[i], NpgsqlDbType.Uuid, ct);
                await history.WriteAsync(definition.App, NpgsqlDbType.Text, ct);
                await history.WriteAsync(definition.Key, NpgsqlDbType.Text, ct);
                await history.WriteAsync(1, NpgsqlDbType.Integer, ct);
                await history.WriteAsync("created", NpgsqlDbType.Text, ct);
                await history.WriteAsync(user.UserId, NpgsqlDbType.Uuid, ct);
                await history.WriteAsync(context.Now, NpgsqlDbType.TimestampTz, ct);
                await history.WriteAsync(valid[i].Encoded!.Changes, NpgsqlDbType.Jsonb, ct);
            }
            await history.CompleteAsync(ct);
        }
        await using (var events = await conn.BeginBinaryImportAsync(
            "COPY forms.record_events (record_id, app_key, form_key, kind, changed_fields, actor_id, occurred_at, after) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < valid.Count; i++)
            {
                await events.StartRowAsync(ct);
                await events.WriteAsync(ids[i], NpgsqlDbType.Uuid, ct);
                await events.WriteAsync(definition.App, NpgsqlDbType.Text, ct);
                await events.WriteAsync(definition.Key, NpgsqlDbType.Text, ct);
                await events.WriteAsync("created", NpgsqlDbType.Text, ct);
                await events.WriteAsync(valid[i].Encoded!.Fields, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await events.WriteAsync(user.UserId, NpgsqlDbType.Uuid, ct);
                await events.WriteAsync(context.Now, NpgsqlDbType.TimestampTz, ct);
                await events.WriteAsync(valid[i].Encoded!.Data, NpgsqlDbType.Jsonb, ct);
            }
            await events.CompleteAsync(ct);
        }
        return valid.Count;
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct)
    {
        if (value is null) await writer.WriteNullAsync(ct);
        else await writer.WriteAsync(value, type, ct);
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct
    {
        if (value is { } v) await writer.WriteAsync(v, type, ct);
        else await writer.WriteNullAsync(ct);
    }

    /// <summary>
    /// Rows whose unique value another record already has, or an earlier row of the same load. The predicate on
    /// existing records repeats the unique index's own (literal keys), so the planner probes that index.
    /// </summary>
    private async Task<IReadOnlyList<BulkRowError>> DuplicatesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, FormDefinition definition, CancellationToken ct)
    {
        var result = new List<BulkRowError>();
        foreach (var field in definition.Fields.Where(f => f.Unique))
        {
            var type = types.Get(field.Type);
            var staged = FieldSql.Value(field, type, "s");
            var existing = FieldSql.Value(field, type, "r");
            var seqs = await conn.QueryAsync<int>(new CommandDefinition($"""
                SELECT seq FROM (
                  SELECT s.seq, row_number() OVER (PARTITION BY {staged} ORDER BY s.seq) AS n,
                         EXISTS (SELECT 1 FROM forms.records r
                                 WHERE r.app_key = {FieldSql.Literal(definition.App)} AND r.form_key = {FieldSql.Literal(definition.Key)}
                                   AND r.deleted_at IS NULL AND {existing} IS NOT NULL AND {existing} = {staged}) AS taken
                  FROM forms_bulk_stage s WHERE {staged} IS NOT NULL) d
                WHERE n > 1 OR taken
                """, transaction: tx, cancellationToken: ct, commandTimeout: 0));
            var error = FieldErrors.Unique(field.Key, field.Label.En, field.Label.Zh);
            result.AddRange(seqs.Select(seq => new BulkRowError(seq, error.Field, error.Code, error.En, error.Zh)));
        }
        return result;
    }

    /// <summary>Records, their history and their outbox events from the staging table, each in one statement, in input order.</summary>
    private static async Task<int> InsertStagedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, UserContext user, FormDefinition definition,
        int[] failed, DateTimeOffset now, CancellationToken ct)
    {
        var args = new { app = definition.App, form = definition.Key, actor = user.UserId, now, failed };
        await conn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM forms_bulk_stage WHERE seq = ANY(@failed);
            INSERT INTO forms.records (id, app_key, form_key, data, title, owner_id, department_id, partner_id,
                                       created_by, created_at, updated_by, updated_at, version)
            SELECT id, @app, @form, data, title, owner_id, department_id, partner_id, @actor, @now, @actor, @now, 1
            FROM forms_bulk_stage ORDER BY seq;
            INSERT INTO forms.record_history (record_id, app_key, form_key, version, kind, actor_id, occurred_at, changes)
            SELECT id, @app, @form, 1, 'created', @actor, @now, changes FROM forms_bulk_stage ORDER BY seq;
            INSERT INTO forms.record_events (record_id, app_key, form_key, kind, changed_fields, actor_id, occurred_at, before, after)
            SELECT id, @app, @form, 'created', fields, @actor, @now, NULL, data FROM forms_bulk_stage ORDER BY seq;
            """, args, tx, cancellationToken: ct, commandTimeout: 0));
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*)::int FROM forms_bulk_stage", transaction: tx, cancellationToken: ct));
    }
}
