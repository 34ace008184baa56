using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Forms.Permissions;

namespace Platform.Forms.Queries;

/// <summary>Compiles a filter tree into a parameterized SQL condition over forms.records aliased <c>r</c>.</summary>
internal sealed class FilterCompiler(FormDefinition form, FieldTypeRegistry types, RecordAccess access, FieldContext context, SqlParameters p)
{
    public string Compile(FilterNode node, int depth = 0)
    {
        if (depth > 16) throw new QueryException("", "The filter is nested too deeply.", "筛选条件嵌套过深。");
        if (node.And is { Count: > 0 } and) return "(" + string.Join(" AND ", and.Select(n => Compile(n, depth + 1))) + ")";
        if (node.Or is { Count: > 0 } or) return "(" + string.Join(" OR ", or.Select(n => Compile(n, depth + 1))) + ")";
        if (node.Field is null || node.Op is null)
            return node.And is not null || node.Or is not null ? "TRUE" : throw new QueryException("", "A condition needs a field and an operator.", "筛选条件需要字段和运算符。");
        var column = QueryColumn.Resolve(node.Field, form, types, access);
        return Condition(column, node.Op.Value, node.Value);
    }

    private string Condition(QueryColumn c, FilterOperator op, JsonNode? value)
    {
        if (op is FilterOperator.IsEmpty or FilterOperator.IsNotEmpty)
        {
            var empty = c.Kind switch
            {
                SqlValueKind.Text when !c.IsSystem => $"({c.Sql} IS NULL OR {c.Sql} = '')",
                SqlValueKind.Array or SqlValueKind.None => $"({c.Sql} IS NULL OR {c.Sql} IN ('null'::jsonb, '[]'::jsonb))",
                _ => $"({c.Sql} IS NULL)",
            };
            return op == FilterOperator.IsEmpty ? empty : $"(NOT {empty})";
        }
        if (DateRanges.IsRelative(op)) return RelativeDate(c, op, value);
        if (op is FilterOperator.IsMe or FilterOperator.IsMyDepartment or FilterOperator.IsMyPartner) return Mine(c, op);
        if (c.Kind == SqlValueKind.None) throw Unsupported(c, op);
        if (c.Kind == SqlValueKind.Array) return ArrayCondition(c, op, value);
        return op switch
        {
            FilterOperator.Eq => $"({c.Sql} = {Param(c, value)})",
            FilterOperator.Ne => $"({c.Sql} IS NULL OR {c.Sql} <> {Param(c, value)})",
            FilterOperator.Gt => $"({c.Sql} > {Param(c, value)})",
            FilterOperator.Gte => $"({c.Sql} >= {Param(c, value)})",
            FilterOperator.Lt => $"({c.Sql} < {Param(c, value)})",
            FilterOperator.Lte => $"({c.Sql} <= {Param(c, value)})",
            FilterOperator.Between when value is JsonArray { Count: 2 } b => $"({c.Sql} BETWEEN {Param(c, b[0])} AND {Param(c, b[1])})",
            FilterOperator.In => $"({c.Sql} = ANY({ListParam(c, value)}))",
            FilterOperator.NotIn => $"({c.Sql} IS NULL OR NOT ({c.Sql} = ANY({ListParam(c, value)})))",
            FilterOperator.Contains when c.Kind == SqlValueKind.Text && (!c.IsSystem || c.Semantic == "text") => $"({c.Sql} ILIKE {p.Add("%" + SqlParameters.Like(Text(c, value)) + "%")})",
            FilterOperator.StartsWith when c.Kind == SqlValueKind.Text && (!c.IsSystem || c.Semantic == "text") => $"({c.Sql} LIKE {p.Add(SqlParameters.Like(Text(c, value)) + "%")})",
            _ => throw Unsupported(c, op),
        };
    }

    private string ArrayCondition(QueryColumn c, FilterOperator op, JsonNode? value)
    {
        var keys = FieldInput.AsList(value).Select(v => Convert(c, v)?.ToString() ?? "").ToArray();
        return op switch
        {
            FilterOperator.Eq or FilterOperator.Contains => $"(COALESCE({c.Sql} @> {p.Add(new JsonArray([.. keys.Select(k => (JsonNode)JsonValue.Create(k))]).ToJsonString())}::jsonb, FALSE))",
            FilterOperator.Ne => $"(NOT COALESCE({c.Sql} @> {p.Add(new JsonArray([.. keys.Select(k => (JsonNode)JsonValue.Create(k))]).ToJsonString())}::jsonb, FALSE))",
            FilterOperator.In => $"(COALESCE({c.Sql} ?| {p.Add(keys)}, FALSE))",
            FilterOperator.NotIn => $"(NOT COALESCE({c.Sql} ?| {p.Add(keys)}, FALSE))",
            _ => throw Unsupported(c, op),
        };
    }

    private string RelativeDate(QueryColumn c, FilterOperator op, JsonNode? value)
    {
        if (c.Semantic is not ("date" or "datetime" or "timestamp")) throw Unsupported(c, op);
        var days = FieldInput.TryDecimal(value, out var n) ? (int)n : 7;
        var (from, to) = DateRanges.For(op, context.Today, days);
        if (c.Semantic == "date")
            return $"({c.Sql} >= {p.Add(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))} AND {c.Sql} < {p.Add(to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))})";
        var start = Instant(from);
        var end = Instant(to);
        return c.Semantic == "timestamp"
            ? $"({c.Sql} >= {p.Add(start)} AND {c.Sql} < {p.Add(end)})"
            : $"({c.Sql} >= {p.Add(Iso(start))} AND {c.Sql} < {p.Add(Iso(end))})";
    }

    private string Mine(QueryColumn c, FilterOperator op)
    {
        var (semantic, id) = op switch
        {
            FilterOperator.IsMe => ("member", (Guid?)context.User.UserId),
            FilterOperator.IsMyDepartment => ("department", context.User.DepartmentId),
            _ => ("partner", context.User.PartnerId),
        };
        if (c.Semantic != semantic) throw Unsupported(c, op);
        if (id is null) return "FALSE";
        if (c.IsSystem) return $"({c.Sql} = {p.Add(id.Value)})";
        return c.Kind == SqlValueKind.Array
            ? $"(COALESCE({c.Sql} @> {p.Add(new JsonArray(id.Value.ToString()).ToJsonString())}::jsonb, FALSE))"
            : $"({c.Sql} = {p.Add(id.Value.ToString())})";
    }

    private string Param(QueryColumn c, JsonNode? value) => p.Add(Convert(c, value) ?? throw BadValue(c, value));

    private string ListParam(QueryColumn c, JsonNode? value)
    {
        var items = FieldInput.AsList(value).Select(v => Convert(c, v) ?? throw BadValue(c, v)).ToList();
        object array = c.Semantic switch
        {
            "uuid" or "member" or "department" or "partner" when c.IsSystem => items.Cast<Guid>().ToArray(),
            "timestamp" => items.Cast<DateTimeOffset>().ToArray(),
            _ => c.Kind switch
            {
                SqlValueKind.Numeric => items.Cast<decimal>().ToArray(),
                SqlValueKind.Boolean => items.Cast<bool>().ToArray(),
                _ => items.Cast<string>().ToArray(),
            },
        };
        return p.Add(array);
    }

    private string Text(QueryColumn c, JsonNode? value) => FieldInput.AsString(value) ?? throw BadValue(c, value);

    /// <summary>The filter value in the column's stored form (option labels to keys, dates to ISO, numbers parsed).</summary>
    internal object? Convert(QueryColumn c, JsonNode? value)
    {
        if (c.IsSystem)
        {
            return c.Semantic switch
            {
                "uuid" or "member" or "department" or "partner" => FieldInput.TryGuid(value, out var g) ? g : null,
                "timestamp" => FieldInput.AsString(value) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null,
                "number" => FieldInput.TryDecimal(value, out var d) ? d : null,
                _ => FieldInput.AsString(value),
            };
        }
        if (c.Kind == SqlValueKind.Numeric) return FieldInput.TryDecimal(value, out var n) ? n : null;
        if (c.Kind == SqlValueKind.Boolean)
            return types.Get("checkbox").Normalize(form.Field(c.Key)!, value, context).Value is JsonValue b ? b.GetValue<bool>() : null;
        var field = form.Field(c.Key)!;
        var text = FieldInput.AsString(value);
        if (text is null) return null;
        return field.Type switch
        {
            "select" or "multiselect" => Options.Find(field, text)?.Key ?? text,
            "date" => DateFieldType.TryParse(text, out var date) ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : throw BadValue(c, value),
            "datetime" => types.Get("datetime").Normalize(field, value, context).Value is JsonValue v ? v.GetValue<string>() : throw BadValue(c, value),
            "phone" => PhoneFieldType.ToE164(text, field.Region ?? "CN") ?? text,
            _ => text,
        };
    }

    private DateTimeOffset Instant(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, context.TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString(DateTimeFieldType.StorageFormat, CultureInfo.InvariantCulture);

    private static QueryException Unsupported(QueryColumn c, FilterOperator op) =>
        new(c.Key, $"Operator '{op}' cannot be used on '{c.Key}' ({c.Semantic}).", $"运算符“{op}”不能用于字段“{c.Key}”（{c.Semantic}）。");

    private static QueryException BadValue(QueryColumn c, JsonNode? value) =>
        new(c.Key, $"'{value?.ToJsonString()}' is not a valid value for '{c.Key}' ({c.Semantic}).", $"“{value?.ToJsonString()}”不是字段“{c.Key}”（{c.Semantic}）的有效值。");
}
