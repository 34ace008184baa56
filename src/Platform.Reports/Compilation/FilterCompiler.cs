using System.Globalization;
using System.Text.Json.Nodes;
using NpgsqlTypes;
using Platform.Reports.Definitions;
using Platform.Reports.Sources;

namespace Platform.Reports.Compilation;

/// <summary>Turns filter conditions into parameterized predicates, typed by the field they test.</summary>
internal sealed class FilterCompiler(SqlParameters parameters, ReportClock clock)
{
    /// <summary>The predicate, or null when the condition's parameter is unset (an unset filter keeps every row).</summary>
    public string? Compile(FilterCondition condition, ResolvedField field, ParameterValue? parameter, string where)
    {
        if (condition.Param is not null && parameter is null) return null;
        var op = condition.Op;
        if (op is FilterOperator.IsEmpty or FilterOperator.IsNotEmpty)
            return op == FilterOperator.IsEmpty ? Empty(field) : $"NOT ({Empty(field)})";

        var values = Values(condition, parameter, where);
        if (values.Count == 0) return op is FilterOperator.In or FilterOperator.Eq ? "FALSE" : null;
        if (field.IsMultiValued) return MultiValued(op, field, values, where);
        return field.Kind switch
        {
            FieldKind.Number => Ordered(op, field.NumericSql, values.Select(v => Number(v, where)).Cast<object>().ToList(), NpgsqlDbType.Numeric, where),
            FieldKind.Date => Ordered(op, $"({field.TextSql})::date", values.Select(v => Date(v, where)).Cast<object>().ToList(), NpgsqlDbType.Date, where),
            FieldKind.DateTime => Instant(op, field.Column ?? $"({field.TextSql})::timestamptz", values.Select(v => Date(v, where)).ToList(), where),
            FieldKind.Opaque or FieldKind.SubTable or FieldKind.Phone => throw NotFor(op, field, where),
            _ => TextLike(op, field.TextSql, values.Select(Text).ToList(), where),
        };
    }

    private static string Empty(ResolvedField field) => field.IsMultiValued
        ? $"COALESCE(jsonb_array_length(CASE WHEN jsonb_typeof({field.JsonSql}) = 'array' THEN {field.JsonSql} END), 0) = 0"
        : $"COALESCE({field.TextSql}, '') = ''";

    private string TextLike(FilterOperator op, string sql, IReadOnlyList<string> values, string where) => op switch
    {
        FilterOperator.Eq when values.Count == 1 => $"{sql} = {parameters.AddText(values[0])}",
        FilterOperator.Eq or FilterOperator.In => $"{sql} = ANY({parameters.AddTextArray(values)})",
        FilterOperator.Ne when values.Count == 1 => $"{sql} IS DISTINCT FROM {parameters.AddText(values[0])}",
        FilterOperator.Ne or FilterOperator.NotIn => $"NOT (COALESCE({sql}, '') = ANY({parameters.AddTextArray(values)}))",
        FilterOperator.Contains => $"{sql} ILIKE {parameters.AddText("%" + EscapeLike(values[0]) + "%")}",
        FilterOperator.Gt or FilterOperator.Gte or FilterOperator.Lt or FilterOperator.Lte or FilterOperator.Between
            => Ordered(op, sql, values.Cast<object>().ToList(), NpgsqlDbType.Text, where),
        _ => throw new ReportException(where, $"The operator '{op}' cannot be used here.", $"此处不能使用运算符“{op}”。"),
    };

    private string Ordered(FilterOperator op, string sql, IReadOnlyList<object> values, NpgsqlDbType type, string where)
    {
        string P(int i) => parameters.Add(values[i], type);
        return op switch
        {
            FilterOperator.Eq when values.Count == 1 => $"{sql} = {P(0)}",
            FilterOperator.Eq or FilterOperator.In => $"{sql} = ANY({parameters.Add(ToArray(values, type), NpgsqlDbType.Array | type)})",
            FilterOperator.Ne when values.Count == 1 => $"{sql} IS DISTINCT FROM {P(0)}",
            FilterOperator.Ne or FilterOperator.NotIn => $"NOT ({sql} = ANY({parameters.Add(ToArray(values, type), NpgsqlDbType.Array | type)}))",
            FilterOperator.Gt => $"{sql} > {P(0)}",
            FilterOperator.Gte => $"{sql} >= {P(0)}",
            FilterOperator.Lt => $"{sql} < {P(0)}",
            FilterOperator.Lte => $"{sql} <= {P(0)}",
            FilterOperator.Between when values.Count == 2 => $"{sql} BETWEEN {P(0)} AND {P(1)}",
            FilterOperator.Between => throw new ReportException(where, "'between' needs two values: [from, to].", "“介于”需要两个值：[起, 止]。"),
            _ => throw new ReportException(where, $"The operator '{op}' cannot be used here.", $"此处不能使用运算符“{op}”。"),
        };
    }

    /// <summary>Date-times compare against whole days in the reporting time zone: a day runs from its midnight to the next.</summary>
    private string Instant(FilterOperator op, string sql, IReadOnlyList<DateOnly> days, string where)
    {
        string Start(DateOnly d) => parameters.Add(StartOf(d), NpgsqlDbType.TimestampTz);
        return op switch
        {
            FilterOperator.Eq when days.Count == 1 => $"({sql} >= {Start(days[0])} AND {sql} < {Start(days[0].AddDays(1))})",
            FilterOperator.Between when days.Count == 2 => $"({sql} >= {Start(days[0])} AND {sql} < {Start(days[1].AddDays(1))})",
            FilterOperator.Gt => $"{sql} >= {Start(days[0].AddDays(1))}",
            FilterOperator.Gte => $"{sql} >= {Start(days[0])}",
            FilterOperator.Lt => $"{sql} < {Start(days[0])}",
            FilterOperator.Lte => $"{sql} < {Start(days[0].AddDays(1))}",
            _ => throw new ReportException(where, $"The operator '{op}' cannot be used on a date-time field.", $"日期时间字段不能使用运算符“{op}”。"),
        };
    }

    private DateTime StartOf(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), clock.Zone);

    private string MultiValued(FilterOperator op, ResolvedField field, IReadOnlyList<JsonNode> values, string where)
    {
        var array = $"CASE WHEN jsonb_typeof({field.JsonSql}) = 'array' THEN {field.JsonSql} ELSE '[]'::jsonb END";
        var keys = parameters.AddTextArray(values.Select(Text).ToList());
        return op switch
        {
            FilterOperator.Eq or FilterOperator.In or FilterOperator.Contains => $"jsonb_exists_any({array}, {keys})",
            FilterOperator.Ne or FilterOperator.NotIn => $"NOT jsonb_exists_any({array}, {keys})",
            _ => throw NotFor(op, field, where),
        };
    }

    private static IReadOnlyList<JsonNode> Values(FilterCondition condition, ParameterValue? parameter, string where) => parameter switch
    {
        ParameterValue.Range r => [JsonValue.Create(r.Value.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), JsonValue.Create(r.Value.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))],
        ParameterValue.Number n => [JsonValue.Create(n.Value)],
        ParameterValue.Keys k => k.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
        _ => condition.Value switch
        {
            null => throw new ReportException(where, "The condition needs a value or a parameter.", "条件需要一个值或参数。"),
            JsonArray a => a.Select(n => n ?? throw new ReportException(where, "A filter value cannot be null.", "筛选值不能为空。")).ToList(),
            var v => [v],
        },
    };

    private static string Text(JsonNode node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString();

    private static decimal Number(JsonNode node, string where) =>
        node is JsonValue v && (v.TryGetValue<decimal>(out var d) || v.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out d))
            ? d
            : throw new ReportException(where, $"'{node.ToJsonString()}' is not a number.", $"“{node.ToJsonString()}”不是数字。");

    private DateOnly Date(JsonNode node, string where) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && clock.ParseDate(s) is { } d
            ? d
            : throw new ReportException(where, $"'{node.ToJsonString()}' is not a date (yyyy-MM-dd, today, today-7d, startOfMonth …).", $"“{node.ToJsonString()}”不是日期（yyyy-MM-dd、today、today-7d、startOfMonth …）。");

    private static Array ToArray(IReadOnlyList<object> values, NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Numeric => values.Cast<decimal>().ToArray(),
        NpgsqlDbType.Date => values.Cast<DateOnly>().ToArray(),
        _ => values.Select(v => (string)v).ToArray(),
    };

    private static string EscapeLike(string s) => s.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private static ReportException NotFor(FilterOperator op, ResolvedField field, string where) => new(where,
        $"The operator '{op}' cannot be used on '{field.Path}'.", $"字段“{field.Path}”不能使用运算符“{op}”。");
}
