using Platform.Core.Expressions;

namespace Platform.Reports.Definitions;

/// <summary>Checks what can be checked without the form: keys, references between measures, limits, parameters.</summary>
internal sealed class ReportDefinitionValidator(IExpressionSandbox sandbox)
{
    public IEnumerable<ReportError> Check(ReportDefinition r)
    {
        if (!ReportDefinitionParser.KeyPattern().IsMatch(r.App ?? "")) yield return Key("app", r.App);
        if (!ReportDefinitionParser.KeyPattern().IsMatch(r.Key ?? "")) yield return Key("key", r.Key);
        if (string.IsNullOrWhiteSpace(r.Source?.Form)) yield return new("source.form", "The report needs a source form.", "报表需要指定数据来源表单。");
        if (r.Dimensions.Count > ReportLimits.MaxDimensions)
            yield return new("dimensions", $"At most {ReportLimits.MaxDimensions} dimensions are allowed; this report has {r.Dimensions.Count}, which would make too many groups.",
                $"最多允许 {ReportLimits.MaxDimensions} 个维度；此报表有 {r.Dimensions.Count} 个，分组会过多。");
        if (r.Measures.Count == 0) yield return new("measures", "The report needs at least one measure (for example a count).", "报表至少需要一个度量（例如计数）。");
        if (r.Measures.Count > ReportLimits.MaxMeasures)
            yield return new("measures", $"At most {ReportLimits.MaxMeasures} measures are allowed.", $"最多允许 {ReportLimits.MaxMeasures} 个度量。");
        if (r.MaxGroups is < 1 or > ReportLimits.MaxGroupsCeiling)
            yield return new("maxGroups", $"maxGroups must be between 1 and {ReportLimits.MaxGroupsCeiling}.", $"maxGroups 必须在 1 到 {ReportLimits.MaxGroupsCeiling} 之间。");

        var keys = new HashSet<string>();
        foreach (var d in r.Dimensions)
        {
            if (!keys.Add(d.ResultKey)) yield return Duplicate($"dimensions.{d.ResultKey}", d.ResultKey);
            if (d.Bucket is not null && d.Level is not null)
                yield return new($"dimensions.{d.ResultKey}", "A dimension has either a date bucket or an address level, not both.", "维度只能设置时间粒度或地址级别之一。");
        }
        var earlier = new HashSet<string>();
        foreach (var m in r.Measures)
        {
            var path = $"measures.{m.Key}";
            if (string.IsNullOrWhiteSpace(m.Key) || !System.Text.RegularExpressions.Regex.IsMatch(m.Key, "^[A-Za-z_][A-Za-z0-9_]{0,62}$"))
                yield return new(path, $"The measure key '{m.Key}' must be a letter followed by letters, digits or '_'.", $"度量键“{m.Key}”必须以字母开头，只含字母、数字或下划线。");
            if (!keys.Add(m.Key)) yield return Duplicate(path, m.Key);
            foreach (var e in CheckMeasure(m, earlier, path)) yield return e;
            earlier.Add(m.Key);
        }
        foreach (var e in CheckParameters(r)) yield return e;
        foreach (var s in r.Sort.Where(s => !keys.Contains(s.By)))
            yield return new("sort", $"Sorting by '{s.By}', which is neither a dimension nor a measure.", $"排序依据“{s.By}”既不是维度也不是度量。");
        if (r.Top is { } top)
        {
            if (top.Count is < 1 or > ReportLimits.MaxTop)
                yield return new("top.count", $"top.count must be between 1 and {ReportLimits.MaxTop}.", $"top.count 必须在 1 到 {ReportLimits.MaxTop} 之间。");
            if (r.Dimensions.Count == 0) yield return new("top", "Top-N needs a dimension to rank.", "前 N 名需要一个用于排名的维度。");
            if (top.By is not null && (r.Measure(top.By) is not { IsDerived: false }))
                yield return new("top.by", $"Top-N ranks by an aggregate measure; '{top.By}' is not one.", $"前 N 名需按聚合度量排名；“{top.By}”不是聚合度量。");
        }
        if (r.Measures.Any(m => m.Aggregate == Aggregate.Change) && !r.Dimensions.Any(d => d.Bucket is not null) && !r.Parameters.Any(p => p.Period))
            yield return new("measures", "A change measure compares with the previous period: add a date bucket dimension or a date-range parameter marked \"period\": true.",
                "环比度量需要时间粒度维度，或一个标记 \"period\": true 的日期范围参数。");
    }

    private IEnumerable<ReportError> CheckMeasure(MeasureDefinition m, HashSet<string> earlier, string path)
    {
        ReportError Ref(string what, string? key) => new(path,
            $"'{what}' must name a measure defined before '{m.Key}'; '{key}' is not one.",
            $"“{what}”必须引用在“{m.Key}”之前定义的度量；“{key}”不是。");
        if (m.IsDerived && m.Filter is not null)
            yield return new($"{path}.filter",
                $"Only aggregate measures (count, sum …) can have a filter; '{m.Key}' is computed from other measures, so put the filter on those.",
                $"只有聚合度量（计数、求和等）可以设置筛选条件；“{m.Key}”由其他度量计算得出，请在被引用的度量上设置筛选。");
        switch (m.Aggregate)
        {
            case Aggregate.Ratio:
                if (m.Numerator is null || !earlier.Contains(m.Numerator)) yield return Ref("numerator", m.Numerator);
                if (m.Denominator is null || !earlier.Contains(m.Denominator)) yield return Ref("denominator", m.Denominator);
                break;
            case Aggregate.Share or Aggregate.Change:
                if (m.Of is null || !earlier.Contains(m.Of)) yield return Ref("of", m.Of);
                break;
            case Aggregate.Formula:
                if (string.IsNullOrWhiteSpace(m.Expression)) yield return new(path, "A formula measure needs an expression.", "公式度量需要表达式。");
                else if (sandbox.CheckSyntax(m.Expression) is { } error)
                    yield return new(path, $"The formula has a syntax error: {error.Message}", $"公式有语法错误：{error.Message}");
                break;
            case Aggregate.DistinctCount or Aggregate.Sum or Aggregate.Avg or Aggregate.Min or Aggregate.Max when m.Field is null:
                yield return new(path, $"The measure '{m.Key}' needs a field.", $"度量“{m.Key}”需要指定字段。");
                break;
        }
    }

    private static IEnumerable<ReportError> CheckParameters(ReportDefinition r)
    {
        var keys = new HashSet<string>();
        foreach (var p in r.Parameters)
        {
            var path = $"parameters.{p.Key}";
            if (!ReportDefinitionParser.KeyPattern().IsMatch(p.Key ?? "") && !System.Text.RegularExpressions.Regex.IsMatch(p.Key ?? "", "^[A-Za-z][A-Za-z0-9_]{0,62}$"))
                yield return Key(path, p.Key);
            if (!keys.Add(p.Key!)) yield return Duplicate(path, p.Key!);
            if (p.Period && p.Type != ParameterType.DateRange)
                yield return new(path, "Only a date-range parameter can be the report's period.", "只有日期范围参数可以作为报表期间。");
        }
        if (r.Parameters.Count(p => p.Period) > 1) yield return new("parameters", "Only one parameter can be the period.", "只能有一个期间参数。");
    }

    public IEnumerable<ReportError> Check(DashboardDefinition d)
    {
        if (!ReportDefinitionParser.KeyPattern().IsMatch(d.App ?? "")) yield return Key("app", d.App);
        if (!ReportDefinitionParser.KeyPattern().IsMatch(d.Key ?? "")) yield return Key("key", d.Key);
        if (d.Columns is < 1 or > 48) yield return new("columns", "columns must be between 1 and 48.", "columns 必须在 1 到 48 之间。");
        if (d.RefreshSeconds is < 0 or (> 0 and < 10))
            yield return new("refreshSeconds", "The refresh interval is at least 10 seconds (or 0 for never).", "刷新间隔至少 10 秒（0 表示不刷新）。");
        var filters = d.Filters.Select(f => f.Key).ToHashSet();
        var ids = new HashSet<string>();
        foreach (var w in d.Widgets)
        {
            var path = $"widgets.{w.Id}";
            if (!ids.Add(w.Id)) yield return Duplicate(path, w.Id);
            if (w.X < 0 || w.Y < 0 || w.W < 1 || w.H < 1 || w.X + w.W > d.Columns)
                yield return new(path, $"The widget does not fit the {d.Columns}-column grid (x {w.X}, y {w.Y}, w {w.W}, h {w.H}).",
                    $"组件超出 {d.Columns} 列网格（x {w.X}，y {w.Y}，w {w.W}，h {w.H}）。");
            foreach (var (param, filter) in w.Bindings ?? new Dictionary<string, string>())
                if (!filters.Contains(filter))
                    yield return new($"{path}.bindings.{param}", $"The dashboard has no filter '{filter}'.", $"仪表盘没有筛选器“{filter}”。");
        }
        foreach (var (a, b) in d.Widgets.SelectMany((a, i) => d.Widgets.Skip(i + 1).Select(b => (a, b))))
            if (a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H)
                yield return new($"widgets.{b.Id}", $"The widget overlaps '{a.Id}'.", $"组件与“{a.Id}”重叠。");
    }

    private static ReportError Key(string path, string? key) => new(path,
        $"'{key}' is not a valid key (lower-case letter, then letters, digits, '-' or '_').", $"“{key}”不是有效的键（小写字母开头，只含字母、数字、“-”或“_”）。");

    private static ReportError Duplicate(string path, string key) => new(path, $"The key '{key}' is used twice.", $"键“{key}”重复使用。");
}
