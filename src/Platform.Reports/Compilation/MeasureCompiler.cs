using Platform.Reports.Definitions;
using Platform.Reports.Sources;

namespace Platform.Reports.Compilation;

/// <summary>
/// An aggregate computed in SQL: its input expression (per row), its own filter (per row, null when it has none)
/// and the aggregate over <c>x{index}</c>, restricted to rows where <c>f{index}</c> holds when there is a filter.
/// </summary>
internal sealed record CompiledMeasure(MeasureDefinition Definition, ResolvedField? Field, string? InputSql, string Aggregate, string? FilterSql = null)
{
    public CompiledMeasure WithFilter(string filterSql, int index) =>
        this with { FilterSql = filterSql, Aggregate = $"{Aggregate} FILTER (WHERE f{index})" };
}

/// <summary>Checks that each aggregate suits its field and writes the SQL for it.</summary>
internal static class MeasureCompiler
{
    public static CompiledMeasure Compile(MeasureDefinition measure, ResolvedField? field, int index, string where)
    {
        var x = $"x{index}";
        switch (measure.Aggregate)
        {
            case Aggregate.Count when field is null:
                return new(measure, null, null, "count(*)");
            case Aggregate.Count:
                return new(measure, field, field.TypedColumn is null ? field.TextSql : field.Column, $"count({x})");
            case Aggregate.DistinctCount:
                if (field is null) throw NeedsField(measure, where);
                return new(measure, field, field.Column ?? field.TextSql, $"count(DISTINCT {x})");
            case Aggregate.Sum or Aggregate.Avg or Aggregate.Min or Aggregate.Max:
                if (field is null) throw NeedsField(measure, where);
                if (field.Kind != FieldKind.Number)
                    throw new ReportException(where,
                        $"'{measure.Aggregate.ToString().ToLowerInvariant()}' needs a number field; '{field.Path}' is {KindName(field.Kind).En}.",
                        $"“{Chinese(measure.Aggregate)}”需要数字字段；“{field.Path}”是{KindName(field.Kind).Zh}。");
                return new(measure, field, field.NumericSql, $"{measure.Aggregate.ToString().ToLowerInvariant()}({x})");
            default:
                throw new InvalidOperationException($"{measure.Aggregate} is computed after the query.");
        }
    }

    private static ReportException NeedsField(MeasureDefinition m, string where) => new(where,
        $"The measure '{m.Key}' needs a field.", $"度量“{m.Key}”需要指定字段。");

    private static string Chinese(Aggregate a) => a switch
    {
        Aggregate.Sum => "求和",
        Aggregate.Avg => "平均值",
        Aggregate.Min => "最小值",
        _ => "最大值",
    };

    internal static (string En, string Zh) KindName(FieldKind kind) => kind switch
    {
        FieldKind.Text => ("a text field", "文本字段"),
        FieldKind.Number => ("a number field", "数字字段"),
        FieldKind.Boolean => ("a checkbox", "复选框"),
        FieldKind.Date => ("a date", "日期字段"),
        FieldKind.DateTime => ("a date-time", "日期时间字段"),
        FieldKind.Select => ("a select field", "单选字段"),
        FieldKind.MultiSelect => ("a multi-select field", "多选字段"),
        FieldKind.Member => ("a member field", "成员字段"),
        FieldKind.Department => ("a department field", "部门字段"),
        FieldKind.Partner => ("a partner field", "渠道伙伴字段"),
        FieldKind.Relation => ("a relation", "关联字段"),
        FieldKind.SubTable => ("a sub-table", "子表"),
        FieldKind.Address => ("an address", "地址字段"),
        FieldKind.Phone => ("a phone number", "电话字段"),
        _ => ("not a value that can be aggregated", "无法统计的字段"),
    };
}
