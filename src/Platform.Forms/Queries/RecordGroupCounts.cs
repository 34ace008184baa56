using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Forms.Permissions;

namespace Platform.Forms.Queries;

/// <summary>
/// How many records of a list query fall in each value of one field, over the whole filtered result (not a page).
/// Lists group by it and then page each group with the group's value added to the filter.
/// </summary>
public interface IRecordGroupCounts
{
    /// <summary>
    /// Groups by <paramref name="field"/> within the caller's read scope, the query's filter and keyword (its sort and
    /// paging are ignored). The largest groups first, at most <paramref name="limit"/> of them. Empty values (null or
    /// empty text) form one group with a null key, matching the <see cref="FilterOperator.IsEmpty"/> filter.
    /// Throws <see cref="QueryException"/> for unknown, hidden or multi-valued fields and for bad filters.
    /// </summary>
    Task<RecordGroups> CountAsync(UserContext user, string app, string form, string field, RecordQuery query, int limit, CancellationToken ct);
}

/// <summary>The stored value of a group as text (option key, id, "true"/"false", text), or null for empty values.</summary>
public sealed record RecordGroupCount(string? Key, long Count);

/// <summary><see cref="Truncated"/>: more groups exist than were returned.</summary>
public sealed record RecordGroups(IReadOnlyList<RecordGroupCount> Groups, bool Truncated);

internal sealed class RecordGroupCounts(
    NpgsqlDataSource dataSource,
    IFormDefinitions definitions,
    IRecordPermissions permissions,
    QueryCompiler compiler,
    FieldTypeRegistry types,
    TimeProvider clock,
    IOptions<FormsOptions> options) : IRecordGroupCounts
{
    private const string CountPrefix = "SELECT count(*) FROM forms.records r WHERE ";

    public async Task<RecordGroups> CountAsync(UserContext user, string app, string form, string field, RecordQuery query, int limit, CancellationToken ct)
    {
        var definition = await definitions.GetPublishedAsync(app, form, ct)
            ?? throw new QueryException("", $"Form '{app}/{form}' is not published.", $"表单“{app}/{form}”尚未发布。");
        var access = permissions.Resolve(user, definition);
        if (!access.Can(FormAction.Read)) return new RecordGroups([], false);
        // Resolve checks the key against the definition and the caller's field access before it is spelled into SQL.
        var column = QueryColumn.Resolve(field, definition, types, access);
        if (column.Kind is SqlValueKind.Array or SqlValueKind.None)
            throw new QueryException(field, "Multi-valued fields cannot be grouped by.", "多值字段不能用于分组。");

        var scope = await permissions.ReadScopeAsync(user, definition, "r", ct);
        var context = new FieldContext(user, clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone));
        // The list's own compiler builds the WHERE clause (form, deletion, scope, filter, keyword), so a group's count is
        // exactly the number of rows the list shows for that group.
        var compiled = compiler.Compile(definition, query with { IncludeTotal = true, Sort = null, After = null, Page = 1 }, scope, access, context, options.Value.MaxPageSize);
        if (compiled.CountSql is not { } countSql || !countSql.StartsWith(CountPrefix, StringComparison.Ordinal))
            throw new InvalidOperationException("The list compiler's count query changed shape.");
        var where = countSql[CountPrefix.Length..];

        var key = column.Kind == SqlValueKind.Text && !column.IsSystem ? $"NULLIF({column.Sql}, '')" : $"({column.Sql})::text";
        var take = Math.Clamp(limit, 1, 1000);
        var args = new DynamicParameters(compiled.Parameters);
        args.Add("group_take", take + 1);
        var sql = $"""
            SELECT {key} AS Key, count(*) AS Count FROM forms.records r WHERE {where}
            GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST LIMIT @group_take
            """;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<RecordGroupCount>(new CommandDefinition(sql, args, cancellationToken: ct))).ToList();
        return new RecordGroups(rows.Take(take).ToList(), rows.Count > take);
    }
}
