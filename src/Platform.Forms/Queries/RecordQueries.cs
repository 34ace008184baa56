using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Forms.Permissions;
using Platform.Forms.Records;

namespace Platform.Forms.Queries;

internal sealed class RecordQueries(
    NpgsqlDataSource dataSource,
    IFormDefinitions definitions,
    IRecordPermissions permissions,
    QueryCompiler compiler,
    TimeProvider clock,
    IOptions<FormsOptions> options) : IRecordQueries
{
    public async Task<RecordPage> ListAsync(UserContext user, string app, string form, RecordQuery query, CancellationToken ct)
    {
        var definition = await definitions.GetPublishedAsync(app, form, ct)
            ?? throw new QueryException("", $"Form '{app}/{form}' is not published.", $"表单“{app}/{form}”尚未发布。");
        return await ListAsync(user, definition, query, FormAction.Read, ct);
    }

    /// <summary>Also used by export, which needs the export action on top of the read scope.</summary>
    internal async Task<RecordPage> ListAsync(UserContext user, FormDefinition definition, RecordQuery query, FormAction action, CancellationToken ct)
    {
        var access = permissions.Resolve(user, definition);
        if (!access.Can(action)) return new RecordPage([], null, 0);
        var scope = await permissions.ReadScopeAsync(user, definition, "r", ct);
        var context = new FieldContext(user, clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone));
        var compiled = compiler.Compile(definition, query, scope, access, context, options.Value.MaxPageSize);

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<RecordRow>(new CommandDefinition(compiled.Sql, new DynamicParameters(compiled.Parameters), cancellationToken: ct))).ToList();
        var nullsPhase = compiled.NullsPhase;
        if (compiled.Keyset && !nullsPhase && rows.Count < compiled.PageSize)
        {
            // The rows with a value are exhausted; continue with the rows that have none.
            var rest = compiler.Compile(definition, query with { After = new PageCursor(compiled.SortKey!, null, null).Encode(), PageSize = compiled.PageSize - rows.Count },
                scope, access, context, options.Value.MaxPageSize);
            rows.AddRange(await conn.QueryAsync<RecordRow>(new CommandDefinition(rest.Sql, new DynamicParameters(rest.Parameters), cancellationToken: ct)));
        }
        nullsPhase = rows.Count > 0 && rows[^1].SortValue is null;
        long? total = compiled.CountSql is null ? null
            : await conn.ExecuteScalarAsync<long>(new CommandDefinition(compiled.CountSql, new DynamicParameters(compiled.Parameters), cancellationToken: ct));
        string? next = null;
        if (compiled.SortKey is not null && rows.Count == compiled.PageSize)
            next = new PageCursor(compiled.SortKey, nullsPhase ? null : rows[^1].SortValue, rows[^1].Id).Encode();
        var items = rows.Select(r => RecordStore.Visible(r, access)).ToList();
        return new RecordPage(items, next, total) { RelatedTitles = await RelatedTitlesAsync(conn, user, definition, access, items, ct) };
    }

    /// <summary>One query per related form for the whole page, each within the viewer's read scope of that form.</summary>
    private async Task<IReadOnlyDictionary<Guid, string?>> RelatedTitlesAsync(NpgsqlConnection conn, UserContext user, FormDefinition definition,
        RecordAccess access, IReadOnlyList<FormRecord> items, CancellationToken ct)
    {
        var result = new Dictionary<Guid, string?>();
        var relations = definition.Fields.Where(f => f.Type == "relation" && f.Relation is not null && access.IsVisible(f.Key))
            .GroupBy(f => (App: f.Relation!.App ?? definition.App, f.Relation.Form));
        foreach (var group in relations)
        {
            var ids = items.SelectMany(r => group.SelectMany(f => RelationIds(r.Data[f.Key]))).Distinct().ToArray();
            if (ids.Length == 0 || await definitions.GetPublishedAsync(group.Key.App, group.Key.Form, ct) is not { } target) continue;
            if (!TitleReadable(user, target)) continue;
            var scope = await permissions.ReadScopeAsync(user, target, "r", ct);
            var args = new DynamicParameters(scope.Parameters);
            args.AddDynamicParams(new { ids, app = target.App, form = target.Key });
            var rows = await conn.QueryAsync<(Guid Id, string? Title)>(new CommandDefinition($"""
                SELECT r.id, r.title FROM forms.records r
                WHERE r.id = ANY(@ids) AND r.app_key = @app AND r.form_key = @form AND r.deleted_at IS NULL AND {scope.Sql}
                """, args, cancellationToken: ct));
            foreach (var (id, title) in rows) result[id] = title;
        }
        return result;
    }

    /// <summary>A title is a copy of the title field's value, so it is only shown to whoever may see that field.</summary>
    private bool TitleReadable(UserContext user, FormDefinition target)
    {
        var access = permissions.Resolve(user, target);
        return access.Can(FormAction.Read) && !access.TitleHidden;
    }

    private static IEnumerable<Guid> RelationIds(JsonNode? value) => value switch
    {
        JsonArray a => a.SelectMany(RelationIds),
        JsonValue v when v.TryGetValue<string>(out var s) && Guid.TryParse(s, out var g) => [g],
        _ => [],
    };

    public async Task<IReadOnlyList<RecordTitle>> LookupAsync(UserContext user, string app, string form, string? keyword, IReadOnlyCollection<Guid>? ids, int limit, CancellationToken ct)
    {
        if (await definitions.GetPublishedAsync(app, form, ct) is not { } definition) return [];
        // Searching a hidden title would reveal it letter by letter.
        var titled = TitleReadable(user, definition);
        if (!titled && keyword is { Length: > 0 }) return [];
        var scope = await permissions.ReadScopeAsync(user, definition, "r", ct);
        var args = new DynamicParameters(scope.Parameters);
        args.AddDynamicParams(new { app, form, limit = Math.Clamp(limit, 1, 200), ids = ids?.ToArray(), kw = keyword is { Length: > 0 } k ? "%" + SqlParameters.Like(k) + "%" : null });
        var sql = $"""
            SELECT r.id, r.title FROM forms.records r
            WHERE r.app_key = @app AND r.form_key = @form AND r.deleted_at IS NULL AND {scope.Sql}
              {(ids is null ? "" : "AND r.id = ANY(@ids)")} {(keyword is { Length: > 0 } ? "AND r.title ILIKE @kw" : "")}
            ORDER BY r.title NULLS LAST, r.id LIMIT @limit
            """;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<(Guid Id, string? Title)>(new CommandDefinition(sql, args, cancellationToken: ct)))
            .Select(r => new RecordTitle(r.Id, titled ? r.Title : null)).ToList();
    }
}
