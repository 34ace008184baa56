using System.Text;
using Platform.Core.Organization;
using Platform.Reports.Access;
using Platform.Reports.Definitions;
using Platform.Reports.Sources;

namespace Platform.Reports.Compilation;

/// <summary>
/// Compiles a report definition for one viewer and one set of parameter values into a single parameterized
/// statement over forms.records. Field paths are resolved against the form definitions, aggregates checked
/// against field kinds, hidden fields refused, and the viewer's data scope ANDed into the WHERE clause.
/// </summary>
internal sealed class ReportCompiler(ReportClock clock)
{
    public CompiledReport Compile(ReportDefinition report, SchemaSet schemas, IReadOnlyDictionary<(string, string), ReadScope> scopes,
        IReadOnlyDictionary<string, ParameterValue> values, UserContext user)
    {
        var q = new QueryParts(report, schemas, scopes, values, clock, user);
        var dims = q.CompileDimensions();
        var measures = q.CompileMeasures();
        q.ThrowIfErrors();
        var sql = BuildSelect(report, q, dims, measures);
        return new CompiledReport(report, sql, q.Parameters, dims, measures, q.Forms);
    }

    /// <summary>The ids and titles of the records behind one element of the chart: the report's filters plus one value per dimension.</summary>
    public (string Sql, SqlParameters Parameters) CompileDrill(ReportDefinition report, SchemaSet schemas, IReadOnlyDictionary<(string, string), ReadScope> scopes,
        IReadOnlyDictionary<string, ParameterValue> values, UserContext user, IReadOnlyList<string?> keys, int limit)
    {
        var q = new QueryParts(report, schemas, scopes, values, clock, user);
        var dims = q.CompileDimensions();
        q.ThrowIfErrors();
        if (keys.Count > dims.Count)
            throw new ReportException("drill", "More values than the report has dimensions.", "取值个数多于报表的维度个数。");
        var conditions = new List<string>();
        for (var i = 0; i < keys.Count; i++)
            conditions.Add($"{dims[i].OutputSql} IS NOT DISTINCT FROM {q.Parameters.Add(keys[i], NpgsqlTypes.NpgsqlDbType.Text)}");
        var where = q.Where(conditions);
        var (title, updated) = (q.RecordColumn("title"), q.RecordColumn("updated_at"));
        var sql = $"SELECT DISTINCT r.id, {title}, {updated}\n{q.From()}\n{where}\nORDER BY {updated} DESC, r.id\nLIMIT {q.Parameters.Add(limit, NpgsqlTypes.NpgsqlDbType.Integer)}";
        return (sql, q.Parameters);
    }

    private static string BuildSelect(ReportDefinition report, QueryParts q, IReadOnlyList<CompiledDimension> dims, IReadOnlyList<CompiledMeasure> measures)
    {
        var sb = new StringBuilder("WITH base AS (\n  SELECT ");
        var cols = new List<string>();
        for (var i = 0; i < dims.Count; i++)
        {
            cols.Add($"{dims[i].KeySql} AS d{i}");
            cols.Add($"{dims[i].LabelSql ?? "NULL::text"} AS l{i}");
        }
        for (var j = 0; j < measures.Count; j++)
        {
            if (measures[j].InputSql is { } input) cols.Add($"{input} AS x{j}");
            if (measures[j].FilterSql is { } filter) cols.Add($"{filter} AS f{j}");
        }
        if (cols.Count == 0) cols.Add("1 AS one");
        sb.Append(string.Join(",\n    ", cols)).Append('\n').Append(q.From()).Append('\n').Append(q.Where([])).Append("\n)");

        var top = report.Top is not null && dims.Count > 0;
        var grouped = dims.Count > 0 && (report.Totals || report.Subtotals || report.Measures.Any(m => m.Aggregate == Aggregate.Share));
        if (top && !report.Top!.Others && dims.Count == 1 && !grouped) return AppendPlainTop(sb, report, q, dims[0], measures);
        var rows = "base";
        if (top) rows = AppendTop(sb, report, q, measures);

        var units = dims.Select((_, i) => top && i == 0 ? "(d0, l0, o)" : $"(d{i}, l{i})").ToList();
        var select = new List<string>();
        for (var i = 0; i < dims.Count; i++) select.Add($"{dims[i].Output($"d{i}")} AS d{i}, {dims[i].LabelOutput(dims[i].Output($"d{i}"), $"l{i}")} AS l{i}");
        select.Add(grouped ? $"GROUPING({string.Join(", ", dims.Select((_, i) => $"d{i}"))}) AS g" : "0 AS g");
        select.Add(top ? "o" : "FALSE AS o");
        for (var j = 0; j < measures.Count; j++) select.Add($"{measures[j].Aggregate} AS m{j}");

        sb.Append("\nSELECT ").Append(string.Join(", ", select)).Append("\nFROM ").Append(rows);
        if (dims.Count > 0)
        {
            sb.Append("\nGROUP BY ");
            if (!grouped) sb.Append(string.Join(", ", units));
            else if (report.Subtotals) sb.Append("CUBE (").Append(string.Join(", ", units)).Append(')');
            else sb.Append("GROUPING SETS ((").Append(string.Join(", ", units.Select(u => u.Trim('(', ')')))).Append("), ())");
        }
        sb.Append("\nLIMIT ").Append(q.Parameters.Add(Math.Min(report.MaxGroups, ReportLimits.MaxGroupsCeiling) * (report.Subtotals ? 2 : 1) + 2, NpgsqlTypes.NpgsqlDbType.Integer));
        return sb.ToString();
    }

    /// <summary>
    /// A leaderboard (one dimension, no "others", no totals): group once, order by the sort measure and keep the first N,
    /// instead of ranking keys in one pass and re-aggregating the winners' rows in another.
    /// </summary>
    private static string AppendPlainTop(StringBuilder sb, ReportDefinition report, QueryParts q, CompiledDimension dim, IReadOnlyList<CompiledMeasure> measures)
    {
        var (order, direction) = TopOrder(report, measures);
        var select = new List<string> { $"{dim.Output("d0")} AS d0, {dim.LabelOutput(dim.Output("d0"), "l0")} AS l0", "0 AS g", "FALSE AS o" };
        for (var j = 0; j < measures.Count; j++) select.Add($"{measures[j].Aggregate} AS m{j}");
        sb.Append("\nSELECT ").Append(string.Join(", ", select)).Append("\nFROM base\nGROUP BY d0, l0")
            .Append($"\nORDER BY {order} {direction} NULLS LAST, d0\nLIMIT {q.Parameters.Add(report.Top!.Count, NpgsqlTypes.NpgsqlDbType.Integer)}");
        return sb.ToString();
    }

    private static (string Order, string Direction) TopOrder(ReportDefinition report, IReadOnlyList<CompiledMeasure> measures)
    {
        var t = report.Top!;
        var byKey = t.By ?? report.Sort.FirstOrDefault()?.By ?? measures.FirstOrDefault()?.Definition.Key;
        var index = measures.ToList().FindIndex(m => m.Definition.Key == byKey);
        var direction = report.Sort.FirstOrDefault(s => s.By == byKey)?.Direction ?? SortDirection.Desc;
        return (index >= 0 ? measures[index].Aggregate : "d0", direction == SortDirection.Asc ? "ASC" : "DESC");
    }

    /// <summary>Ranks the first dimension's values by the sort measure and folds the rest into one "others" row when asked.</summary>
    private static string AppendTop(StringBuilder sb, ReportDefinition report, QueryParts q, IReadOnlyList<CompiledMeasure> measures)
    {
        var t = report.Top!;
        var (order, direction) = TopOrder(report, measures);
        sb.Append($",\ntop AS (\n  SELECT d0, TRUE AS hit FROM base GROUP BY d0 ORDER BY {order} {direction} NULLS LAST, d0 LIMIT {q.Parameters.Add(t.Count, NpgsqlTypes.NpgsqlDbType.Integer)}\n)");
        var rest = Enumerable.Range(1, q.DimensionCount - 1).Select(i => $"b.d{i}, b.l{i}")
            .Concat(measures.Select((m, j) => m.InputSql is null ? null : $"b.x{j}").OfType<string>())
            .Concat(measures.Select((m, j) => m.FilterSql is null ? null : $"b.f{j}").OfType<string>())
            .Select(c => ", " + c);
        var tail = string.Concat(rest);
        sb.Append(t.Others
            ? $",\nranked AS (\n  SELECT CASE WHEN t.hit THEN b.d0 END AS d0, CASE WHEN t.hit THEN b.l0 END AS l0, (t.hit IS NULL) AS o{tail}\n  FROM base b LEFT JOIN top t ON t.d0 IS NOT DISTINCT FROM b.d0\n)"
            : $",\nranked AS (\n  SELECT b.d0, b.l0, FALSE AS o{tail}\n  FROM base b JOIN top t ON t.d0 IS NOT DISTINCT FROM b.d0\n)");
        return "ranked";
    }
}
