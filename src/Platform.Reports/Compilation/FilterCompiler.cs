using System.Globalization;
using System.Text.Json.Nodes;
using NpgsqlTypes;
using Platform.Core.Organization;
using Platform.Forms.Queries;
using Platform.Reports.Definitions;
using Platform.Reports.Sources;

namespace Platform.Reports.Compilation;

/// <summary>
/// Compiles the list views' filter model (an and/or tree of conditions, see <see cref="FilterNode"/>) and report
/// parameters into parameterized predicates, typed by the field each condition tests. Paths may cross relations
/// and sub-table lines, which list views cannot, so the report engine compiles the same model itself.
/// </summary>
internal sealed class FilterCompiler(SqlParameters parameters, ReportClock clock, UserContext user, Func<string, string, ResolvedField> resolve)
{
    public string Compile(FilterNode node, string where, int depth = 0)
    {
        if (depth > 16) throw new ReportException(where, "The filter is nested too deeply.", "筛选条件嵌套过深。");
        if (node.And is { Count: > 0 } and) return "(" + string.Join(" AND ", and.Select((n, i) => Compile(n, $"{where}.and[{i}]", depth + 1))) + ")";
        if (node.Or is { Count: > 0 } or) return "(" + string.Join(" OR ", or.Select((n, i) => Compile(n, $"{where}.or[{i}]", depth + 1))) + ")";
        if (node.Field is null || node.Op is null)
            return node.And is not null || node.Or is not null ? "TRUE"
                : throw new ReportException(where, "A condition needs a field and an operator.", "筛选条件需要字段和运算符。");
        return Condition(resolve(node.Field, where), node.Op.Value, Values(node.Value), where);
    }

    /// <summary>The predicate of a parameter's value on its field; null when the parameter is unset.</summary>
    public string? CompileParameter(ParameterDefinition parameter, ResolvedField field, ParameterValue? value, string where)
    {
        if (value is null) return null;
        var values = value switch
        {
            ParameterValue.Range r => [Iso(r.Value.From), Iso(r.Value.To)],
            ParameterValue.Number n => [JsonValue.Create(n.Value)],
            ParameterValue.Keys k => k.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
            _ => new List<JsonNode>(),
        };
        var op = parameter.Op ?? value switch
        {
            ParameterValue.Range => FilterOperator.Between,
            ParameterValue.Keys { Values.Count: > 1 } => FilterOperator.In,
            _ => FilterOperator.Eq,
        };
        return Condition(field, op, values, where);
    }

    private string Condition(ResolvedField field, FilterOperator op, IReadOnlyList<JsonNode> values, string where)
    {
        if (op is FilterOperator.IsEmpty or FilterOperator.IsNotEmpty)
            return op == FilterOperator.IsEmpty ? Empty(field) : $"NOT ({Empty(field)})";
        if (op is FilterOperator.Today or FilterOperator.ThisWeek or FilterOperator.ThisMonth or FilterOperator.ThisQuarter or FilterOperator.ThisYear or FilterOperator.LastNDays)
        {
            if (field.Kind is not (FieldKind.Date or FieldKind.DateTime) || field.IsMultiValued) throw NotFor(op, field, where);
            var range = Relative(op, values);
            return Condition(field, FilterOperator.Between, [Iso(range.From), Iso(range.To)], where);
        }
        if (op is FilterOperator.IsMe or FilterOperator.IsMyDepartment or FilterOperator.IsMyPartner)
            return Mine(field, op, where);
        if (values.Count == 0) return op is FilterOperator.In or FilterOperator.Eq ? "FALSE" : "TRUE";
        if (field.IsMultiValued) return MultiValued(op, field, values, where);
        return field.Kind switch
        {
            FieldKind.Number => Ordered(op, field.NumericSql, values.Select(v => Number(v, where)).Cast<object>().ToList(), NpgsqlDbType.Numeric, where),
            FieldKind.Date => Ordered(op, field.DateSql, values.Select(v => Date(v, where)).Cast<object>().ToList(), NpgsqlDbType.Date, where),
            FieldKind.DateTime => Instant(op, field.Column ?? $"({field.TextSql})::timestamptz", values.Select(v => Date(v, where)).ToList(), where),
            FieldKind.Opaque or FieldKind.SubTable or FieldKind.Phone => throw NotFor(op, field, where),
            _ => TextLike(op, field.TextSql, values.Select(Text).ToList(), where),
        };
    }

    private DateRange Relative(FilterOperator op, IReadOnlyList<JsonNode> values)
    {
        var today = clock.Today;
        DateRange? named = op switch
        {
            FilterOperator.Today => clock.NamedRange("today"),
            FilterOperator.ThisWeek => clock.NamedRange("thisWeek"),
            FilterOperator.ThisMonth => clock.NamedRange("thisMonth"),
            FilterOperator.ThisQuarter => clock.NamedRange("thisQuarter"),
            FilterOperator.ThisYear => clock.NamedRange("thisYear"),
            _ => new DateRange(today.AddDays(1 - (values.Count > 0 && values[0] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 7)), today),
        };
        return named ?? throw new InvalidOperationException($"No range for {op}.");
    }

    private string Mine(ResolvedField field, FilterOperator op, string where)
    {
        var (kind, id) = op switch
        {
            FilterOperator.IsMe => (FieldKind.Member, (Guid?)user.UserId),
            FilterOperator.IsMyDepartment => (FieldKind.Department, user.DepartmentId),
            _ => (FieldKind.Partner, user.PartnerId),
        };
        if (field.Kind != kind) throw NotFor(op, field, where);
        if (id is null) return "FALSE";
        return Condition(field, FilterOperator.Eq, [JsonValue.Create(id.Value.ToString())], where);
    }

    private static JsonNode Iso(DateOnly d) => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static IReadOnlyList<JsonNode> Values(JsonNode? value) => value switch
    {
        null => [],
        JsonArray a => a.OfType<JsonNode>().ToList(),
        var v => [v],
    };

    private static string Empty(ResolvedField field) => field switch
    {
        { IsMultiValued: true } => $"COALESCE(jsonb_array_length(CASE WHEN jsonb_typeof({field.JsonSql}) = 'array' THEN {field.JsonSql} END), 0) = 0",
        { TypedColumn.IsText: false } => $"{field.Column} IS NULL",
        _ => $"COALESCE({field.TextSql}, '') = ''",
    };

    private string TextLike(FilterOperator op, string sql, IReadOnlyList<string> values, string where) => op switch
    {
        FilterOperator.Eq when values.Count == 1 => $"{sql} = {parameters.AddText(values[0])}",
        FilterOperator.Eq or FilterOperator.In => $"{sql} = ANY({parameters.AddTextArray(values)})",
        FilterOperator.Ne when values.Count == 1 => $"{sql} IS DISTINCT FROM {parameters.AddText(values[0])}",
        FilterOperator.Ne or FilterOperator.NotIn => $"NOT (COALESCE({sql}, '') = ANY({parameters.AddTextArray(values)}))",
        FilterOperator.Contains => $"{sql} ILIKE {parameters.AddText("%" + EscapeLike(values[0]) + "%")}",
        FilterOperator.StartsWith => $"{sql} LIKE {parameters.AddText(EscapeLike(values[0]) + "%")}",
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
