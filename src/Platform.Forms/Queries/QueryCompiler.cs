using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Forms.Permissions;
using Platform.Forms.Records;

namespace Platform.Forms.Queries;

/// <summary>
/// Builds the SQL of a list query: form and deletion filter, the caller's read scope, the filter tree, keyword
/// search on the same expression the trigram index covers, typed sort with the id as tie-breaker, and paging.
/// With one sort key it pages by keyset — a row comparison on (value, id) the field's expression index serves —
/// and then walks the rows whose value is empty; otherwise by offset.
/// </summary>
internal sealed class QueryCompiler(FieldTypeRegistry types)
{
    public CompiledQuery Compile(FormDefinition form, RecordQuery query, SqlPredicate scope, RecordAccess access, FieldContext context, int maxPageSize)
    {
        var p = new SqlParameters();
        p.AddRange(scope.Parameters);
        var where = new List<string>
        {
            $"r.app_key = {p.Add(form.App)}",
            $"r.form_key = {p.Add(form.Key)}",
            query.Deleted ? "r.deleted_at IS NOT NULL" : "r.deleted_at IS NULL",
        };
        if (scope.Sql != "TRUE") where.Add(scope.Sql);
        if (query.Filter is not null) where.Add(new FilterCompiler(form, types, access, context, p).Compile(query.Filter));
        if (!string.IsNullOrWhiteSpace(query.Keyword))
        {
            var search = FieldSql.SearchText(FieldSql.Searchable(form, types, f => access.IsVisible(f.Key)));
            var like = p.Add("%" + SqlParameters.Like(query.Keyword.Trim()) + "%");
            // Without a visible searchable field the keyword meets the title, unless the title is hidden too.
            where.Add(search is not null ? $"({search} ILIKE {like})" : access.TitleHidden ? "FALSE" : $"(r.title ILIKE {like})");
        }
        var countSql = query.IncludeTotal ? $"SELECT count(*) FROM forms.records r WHERE {string.Join(" AND ", where)}" : null;

        var sorts = query.Sort is { Count: > 0 } s ? s : [new SortSpec("_createdAt", Descending: true)];
        if (sorts.Count > 4) throw new QueryException("sort", "Sort by at most four fields.", "最多按四个字段排序。");
        var columns = sorts.Select(x => (Column: QueryColumn.Resolve(x.Field, form, types, access), x.Descending)).ToList();
        if (columns.Any(c => c.Column.Kind is SqlValueKind.Array or SqlValueKind.None))
            throw new QueryException(columns.First(c => c.Column.Kind is SqlValueKind.Array or SqlValueKind.None).Column.Key,
                "Multi-valued fields cannot be sorted on.", "多值字段不能用于排序。");
        var size = Math.Clamp(query.PageSize, 1, maxPageSize);
        var (sortCol, desc) = columns[0];
        var keyset = columns.Count == 1 && (query.After is not null || query.Page <= 1);
        var dir = desc ? "DESC" : "ASC";
        var cmp = desc ? "<" : ">";
        var nullsPhase = false;
        string order, paging = $"LIMIT {p.Add(size)}";
        if (keyset)
        {
            var cursor = query.After is { } after ? PageCursor.Decode(after) : null;
            if (cursor is not null && cursor.Sort != SortSignature(sorts))
                throw new QueryException("after", "The cursor belongs to another sort order.", "分页游标与当前排序不一致。");
            if (cursor is { Value: null })
            {
                // Second phase: the rows without a value, by id.
                nullsPhase = true;
                where.Add($"{sortCol.Sql} IS NULL");
                if (cursor.Id is { } last) where.Add($"r.id {cmp} {p.Add(last)}");
                order = $"r.id {dir}";
            }
            else
            {
                where.Add(cursor is null ? $"{sortCol.Sql} IS NOT NULL" : $"({sortCol.Sql}, r.id) {cmp} ({p.Add(CursorValue(sortCol, cursor.Value!))}, {p.Add(cursor.Id)})");
                order = $"{sortCol.Sql} {dir}, r.id {dir}";
            }
        }
        else
        {
            order = string.Join(", ", columns.Select(c => $"{c.Column.Sql} {(c.Descending ? "DESC" : "ASC")} NULLS LAST")) + $", r.id {(columns[^1].Descending ? "DESC" : "ASC")}";
            paging += $" OFFSET {p.Add((long)(Math.Max(query.Page, 1) - 1) * size)}";
        }
        var single = columns.Count == 1;
        var sortValue = single ? $", {SortText(sortCol)} AS SortValue" : "";
        var sql = $"SELECT {RecordRow.Columns}{sortValue} FROM forms.records r WHERE {string.Join(" AND ", where)} ORDER BY {order} {paging}";
        // Offset pages with one sort key also yield a cursor, so a client can jump once and continue by keyset.
        return new CompiledQuery(sql, p.Values, countSql, single ? SortSignature(sorts) : null, keyset, nullsPhase, size);
    }

    internal static string SortSignature(IReadOnlyList<SortSpec> sorts) => string.Join(",", sorts.Select(s => (s.Descending ? "-" : "+") + s.Field));

    private static string SortText(QueryColumn c) => c.Semantic == "timestamp"
        ? $"to_char({c.Sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
        : $"({c.Sql})::text";

    private static object CursorValue(QueryColumn c, string value) => c.Semantic switch
    {
        "timestamp" => DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
        "uuid" or "member" or "department" or "partner" when c.IsSystem => Guid.Parse(value),
        _ => c.Kind switch
        {
            SqlValueKind.Numeric => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
            SqlValueKind.Boolean => bool.Parse(value),
            _ => value,
        },
    };
}
