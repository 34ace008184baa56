using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Forms.Fields;
using Platform.Forms.Queries;
using Platform.Forms.Storage;

namespace Platform.Forms.Definitions;

/// <summary>
/// Keeps the expression indexes on forms.records in line with a published definition: one per indexed field
/// (with id, for keyset paging), a unique one per unique field, and a trigram index for keyword search.
/// Indexes are built CONCURRENTLY so publishing does not block writers.
/// </summary>
internal sealed class RecordIndexManager(NpgsqlDataSource dataSource, FieldTypeRegistry types)
{
    public const string UniqueKind = "unique";

    public static string IndexName(string app, string form, string field, string kind)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{app}/{form}/{field}/{kind}")))[..16];
        return $"rx_{kind[0]}_{hash}";
    }

    public IReadOnlyList<FormIndexEntity> Desired(FormDefinition form)
    {
        var scope = $"app_key = {FieldSql.Literal(form.App)} AND form_key = {FieldSql.Literal(form.Key)} AND deleted_at IS NULL";
        var result = new List<FormIndexEntity>();
        foreach (var field in form.Fields.Where(f => f.Indexed || f.Unique))
        {
            var type = types.Get(field.Type);
            var value = FieldSql.Value(field, type, "");
            if (field.Indexed)
            {
                var name = IndexName(form.App, form.Key, field.Key, "index");
                result.Add(Entity(form, field.Key, "index", name,
                    $"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON forms.records ({value}, id) WHERE {scope}"));
            }
            if (field.Unique)
            {
                var name = IndexName(form.App, form.Key, field.Key, UniqueKind);
                result.Add(Entity(form, field.Key, UniqueKind, name,
                    $"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS {name} ON forms.records ({value}) WHERE {scope} AND {value} IS NOT NULL"));
            }
        }
        if (FieldSql.SearchText(FieldSql.Searchable(form, types), "") is { } search)
        {
            var name = IndexName(form.App, form.Key, "*", "search");
            result.Add(Entity(form, "*", "search", name,
                $"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON forms.records USING gin ({search} gin_trgm_ops) WHERE {scope}"));
        }
        return result;
    }

    /// <summary>Creates missing indexes and drops ones no longer wanted. A unique index over duplicate data fails with the field named.</summary>
    public async Task SyncAsync(FormsDbContext db, FormDefinition form, CancellationToken ct)
    {
        var desired = Desired(form);
        var existing = await db.FormIndexes.Where(i => i.AppKey == form.App && i.FormKey == form.Key).ToListAsync(ct);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        foreach (var stale in existing.Where(e => desired.All(d => d.Name != e.Name || d.Sql != e.Sql)))
        {
            await conn.ExecuteAsync(new CommandDefinition($"DROP INDEX CONCURRENTLY IF EXISTS forms.{stale.Name}", cancellationToken: ct));
            db.FormIndexes.Remove(stale);
        }
        foreach (var index in desired.Where(d => existing.All(e => e.Name != d.Name || e.Sql != d.Sql)))
        {
            try
            {
                await conn.ExecuteAsync(new CommandDefinition(index.Sql, cancellationToken: ct, commandTimeout: 0));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // A failed concurrent build leaves an invalid index behind.
                await conn.ExecuteAsync(new CommandDefinition($"DROP INDEX CONCURRENTLY IF EXISTS forms.{index.Name}", cancellationToken: ct));
                throw new DefinitionException([$"Field '{index.FieldKey}' cannot be made unique: existing records already share a value ({e.Detail})."]);
            }
            db.FormIndexes.Add(index);
        }
        await db.SaveChangesAsync(ct);
        await EnsureStatisticsAsync(conn, form, ct);
    }

    /// <summary>
    /// Drops the form's non-unique indexes (indexed fields and keyword search) before a large bulk load, so they are
    /// built once afterwards instead of row by row; unique indexes stay, because they enforce uniqueness during the
    /// load. The catalogue rows go first: should the process die before <see cref="SyncAsync"/> runs again, the next
    /// bulk load or publish of the form sees the indexes missing and builds them.
    /// </summary>
    public async Task DeferAsync(FormsDbContext db, FormDefinition form, CancellationToken ct)
    {
        var deferred = await db.FormIndexes.Where(i => i.AppKey == form.App && i.FormKey == form.Key && i.Kind != UniqueKind).ToListAsync(ct);
        if (deferred.Count == 0) return;
        db.FormIndexes.RemoveRange(deferred);
        await db.SaveChangesAsync(ct);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        foreach (var index in deferred)
            await conn.ExecuteAsync(new CommandDefinition($"DROP INDEX CONCURRENTLY IF EXISTS forms.{index.Name}", cancellationToken: ct, commandTimeout: 0));
    }

    /// <summary>
    /// The planner ignores statistics of partial indexes, so filters on JSON fields would be estimated with a
    /// blind default and could pick the wrong index. Expression statistics on the (uncast, hence always valid)
    /// text value fix that; they are shared by every form using the same key and never dropped.
    /// </summary>
    private async Task EnsureStatisticsAsync(NpgsqlConnection conn, FormDefinition form, CancellationToken ct)
    {
        var created = false;
        foreach (var field in form.Fields.Where(f => f.Indexed || f.Unique))
        {
            var type = types.Get(field.Type);
            if (type.SqlKind(field) != SqlValueKind.Text) continue;
            var name = $"rs_{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(type.SqlTextPath(field))))[..16]}";
            var exists = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM pg_statistic_ext WHERE stxname = @name)", new { name }, cancellationToken: ct));
            if (exists) continue;
            await conn.ExecuteAsync(new CommandDefinition($"CREATE STATISTICS IF NOT EXISTS forms.{name} ON ({FieldSql.Value(field, type, "")}) FROM forms.records", cancellationToken: ct));
            created = true;
        }
        if (created) await conn.ExecuteAsync(new CommandDefinition("ANALYZE forms.records", cancellationToken: ct, commandTimeout: 0));
    }

    private static FormIndexEntity Entity(FormDefinition form, string field, string kind, string name, string sql) =>
        new() { Name = name, AppKey = form.App, FormKey = form.Key, FieldKey = field, Kind = kind, Sql = sql };
}
