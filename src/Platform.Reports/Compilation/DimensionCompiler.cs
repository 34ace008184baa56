using Platform.Reports.Access;
using Platform.Reports.Definitions;
using Platform.Reports.Sources;

namespace Platform.Reports.Compilation;

/// <summary>A group-by as SQL: the key (text) and, for members, departments, partners and relations, the joined name.</summary>
internal sealed record CompiledDimension(DimensionDefinition Definition, ResolvedField Field, string KeySql, string? LabelSql)
{
    /// <summary>
    /// Turns the grouped key into the result key (yyyy-MM-dd for periods). Applied once per group rather than per row,
    /// so the per-row key can be as cheap as a prefix of the stored date.
    /// </summary>
    public Func<string, string> Output { get; init; } = column => column;

    public string OutputSql => Output(KeySql);

    /// <summary>
    /// The name of a grouped key, looked up once per group after aggregation (people, organisations, related titles)
    /// instead of joining the lookup table to every row before it. Null when the label comes with the row.
    /// </summary>
    public Func<string, string>? GroupLabel { get; init; }

    /// <summary>The label column of the final select, given the grouped key and label columns.</summary>
    public string LabelOutput(string keyColumn, string labelColumn) => GroupLabel?.Invoke(keyColumn) ?? labelColumn;

    public string Key => Definition.ResultKey;
    public FieldKind Kind => Field.Kind;
    public DateBucket? Bucket => Field.Kind is FieldKind.Date or FieldKind.DateTime ? Definition.Bucket ?? DateBucket.Day : null;
}

/// <summary>Compiles dimensions: date buckets, identity names, related titles, address levels, unnested multi-values.</summary>
internal sealed class DimensionCompiler(JoinSet joins, FieldResolver resolver, string timeZoneParameter, Func<(string App, string Form), ReadScope> scopeOf)
{
    public CompiledDimension Compile(DimensionDefinition dimension, ResolvedField field, string where)
    {
        if (dimension.Bucket is not null && !field.Field.IsTemporal && field.Kind is not (FieldKind.Date or FieldKind.DateTime))
            throw new ReportException(where, $"'{field.Path}' is not a date; only dates can be bucketed.", $"“{field.Path}”不是日期字段，不能按时间段分组。");
        if (dimension.Level is not null && field.Kind != FieldKind.Address)
            throw new ReportException(where, $"'{field.Path}' is not an address; only addresses have a province or city level.", $"“{field.Path}”不是地址字段，不能按省市分组。");

        var key = field.IsMultiValued ? Unnest(field) : field.TextSql;
        return field.Kind switch
        {
            FieldKind.Date or FieldKind.DateTime => Bucketed(dimension, field, dimension.Bucket ?? DateBucket.Day),
            FieldKind.Member => Named(dimension, field, key, "identity.users", "display_name"),
            FieldKind.Department => Named(dimension, field, key, "identity.departments", "name"),
            FieldKind.Partner => Named(dimension, field, key, "identity.partners", "name"),
            FieldKind.Relation when field.Field.Relation is { } target => ByUuid(new(dimension, field, key, null) { GroupLabel = resolver.TitleOf(target, scopeOf(target)) }),
            FieldKind.Address when field.AddressPart is "province" or "city" or "district" => new(dimension, field, field.TextSql, null),
            FieldKind.Address => new(dimension, field, $"{field.JsonSql}->>'{(dimension.Level == AddressLevel.City ? "city" : "province")}'", null),
            FieldKind.Number => new(dimension, field, $"({field.NumericSql})::text", null),
            FieldKind.Opaque or FieldKind.SubTable or FieldKind.Phone => throw new ReportException(where,
                $"'{field.Path}' cannot be grouped by.", $"不能按“{field.Path}”分组。"),
            _ => new(dimension, field, key, null),
        };
    }

    private string Unnest(ResolvedField field) =>
        joins.Get($"unnest:{field.JsonSql}", "mv", alias =>
            $"LEFT JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof({field.JsonSql}) = 'array' THEN {field.JsonSql} ELSE '[]'::jsonb END) {alias}(v) ON TRUE") + ".v";

    private static CompiledDimension Named(DimensionDefinition dimension, ResolvedField field, string key, string table, string column) =>
        ByUuid(new(dimension, field, key, null) { GroupLabel = k => $"(SELECT lbl.{column} FROM {table} lbl WHERE lbl.id = {FieldResolver.AsUuid(k)})" });

    /// <summary>A projected reference is grouped as the uuid it is stored as and turned into text once per group.</summary>
    private static CompiledDimension ByUuid(CompiledDimension d) =>
        d.Field is { TypedColumn.SqlType: "uuid", IsMultiValued: false } ? d with { KeySql = d.Field.Column!, Output = c => $"({c})::text" } : d;

    /// <summary>
    /// The first day of the period as yyyy-MM-dd; weeks start on Monday (ISO), date-times are read in the reporting
    /// time zone. Dates are stored as "yyyy-MM-dd", so over forms.records day, month and year buckets are prefixes of
    /// the stored text; over a projection the typed date column is truncated instead.
    /// </summary>
    private CompiledDimension Bucketed(DimensionDefinition dimension, ResolvedField field, DateBucket bucket)
    {
        if (field.Kind == FieldKind.Date && field.TypedColumn is not null && bucket == DateBucket.Day)
            return new(dimension, field, field.DateSql, null) { Output = c => $"to_char({c}, 'YYYY-MM-DD')" };
        if (field.Kind == FieldKind.Date && field.TypedColumn is null)
        {
            switch (bucket)
            {
                case DateBucket.Day: return new(dimension, field, $"left({field.TextSql}, 10)", null);
                case DateBucket.Month: return new(dimension, field, $"left({field.TextSql}, 7)", null) { Output = c => $"({c} || '-01')" };
                case DateBucket.Year: return new(dimension, field, $"left({field.TextSql}, 4)", null) { Output = c => $"({c} || '-01-01')" };
            }
        }
        var local = field.Kind == FieldKind.Date
            ? $"{field.DateSql}::timestamp"
            : $"({field.Column ?? $"({field.TextSql})::timestamptz"} AT TIME ZONE {timeZoneParameter})";
        var unit = bucket switch
        {
            DateBucket.Week => "week",
            DateBucket.Month => "month",
            DateBucket.Quarter => "quarter",
            DateBucket.Year => "year",
            _ => "day",
        };
        return new(dimension, field, $"date_trunc('{unit}', {local})", null) { Output = c => $"to_char({c}, 'YYYY-MM-DD')" };
    }
}
