using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Core.Expressions;
using Platform.Reports.Compilation;
using Platform.Reports.Definitions;
using Platform.Reports.Sources;

namespace Platform.Reports.Running;

/// <summary>Turns raw rows into a labelled, sorted result: derived measures, shares, period changes, group limit.</summary>
internal sealed class ResultBuilder(CellLabeler labeler, IExpressionSandbox sandbox)
{
    public ReportResult Build(CompiledReport compiled, IReadOnlyList<RawRow> raw, IReadOnlyList<RawRow>? previous, string? culture)
    {
        var report = compiled.Report;
        var all = (1 << compiled.Dimensions.Count) - 1;
        var detail = raw.Where(r => r.Grouping == 0).ToList();
        if (detail.Count > report.MaxGroups)
            throw new ReportException("maxGroups",
                $"The report has more than {report.MaxGroups} groups. Add a filter, a coarser date bucket or a top-N limit.",
                $"报表分组超过 {report.MaxGroups} 个。请增加筛选条件、使用更粗的时间粒度或设置前 N 名。");

        var totalRaw = compiled.Dimensions.Count == 0 ? raw.FirstOrDefault() : raw.FirstOrDefault(r => r.Grouping == all);
        var prevIndex = previous?.ToDictionary(r => RowKey(r), r => r);
        var totals = totalRaw is null ? null : Values(compiled, totalRaw, null, null);
        var prevTotalRaw = previous is null ? null : compiled.Dimensions.Count == 0 ? previous.FirstOrDefault() : previous.FirstOrDefault(r => r.Grouping == all);

        var bucketDim = compiled.Dimensions.ToList().FindIndex(d => d.Bucket is not null);
        var byKey = raw.GroupBy(RowKey).ToDictionary(g => g.Key, g => g.First());

        ResultRow Make(RawRow r)
        {
            var prevRaw = prevIndex?.GetValueOrDefault(RowKey(r));
            var seriesPrev = bucketDim >= 0 && !r.IsOthers && r.Keys[bucketDim] is { } k && (r.Grouping & (1 << bucketDim)) == 0
                ? byKey.GetValueOrDefault(RowKey(r, bucketDim, CellLabeler.PreviousPeriod(k, compiled.Dimensions[bucketDim].Bucket!.Value)))
                : null;
            var changeBase = bucketDim >= 0 ? seriesPrev : prevRaw;
            var values = Values(compiled, r, totals, changeBase is null ? null : Values(compiled, changeBase, totals, null));
            var cells = compiled.Dimensions.Select((d, i) =>
                (r.Grouping & (1 << i)) != 0 ? new ResultCell(null, "") :
                i == 0 && r.IsOthers ? CellLabeler.Others(culture) :
                labeler.Label(d, r.Keys[i], r.Labels[i], culture)).ToList();
            return new ResultRow(cells, values)
            {
                Grouping = r.Grouping,
                IsOthers = r.IsOthers,
                Previous = prevRaw is null ? null : Values(compiled, prevRaw, null, null),
            };
        }

        var rows = Sort(report, compiled, detail.Select(Make).ToList());
        var subtotals = raw.Where(r => r.Grouping != 0 && r.Grouping != all).Select(Make).ToList();
        var showTotal = totalRaw is not null && (report.Totals || report.Subtotals);
        var total = showTotal ? Make(totalRaw!) : null;
        if (compiled.Dimensions.Count == 0) { rows = totalRaw is null ? [] : [Make(totalRaw)]; total = rows.FirstOrDefault(); }

        return new ReportResult
        {
            App = report.App,
            Report = report.Key,
            Version = report.Version,
            Name = report.Name.For(culture),
            Dimensions = compiled.Dimensions.Select(d => new ResultDimension(d.Key, (d.Definition.Label ?? d.Field.Label).For(culture),
                d.Kind.ToString().ToLowerInvariant(), d.Bucket)).ToList(),
            Measures = report.Measures.Select(m => new ResultMeasure(m.Key, (m.Label ?? DefaultLabel(m, compiled)).For(culture), m.Format, m.Precision, m.Hidden)).ToList(),
            Rows = rows,
            Subtotals = subtotals,
            Total = total,
            PreviousTotal = prevTotalRaw is null ? null : new ResultRow([], Values(compiled, prevTotalRaw, null, null)),
        };
    }

    /// <summary>Every measure of the report for one row, derived measures computed in definition order.</summary>
    private decimal?[] Values(CompiledReport compiled, RawRow row, decimal?[]? totals, decimal?[]? previous)
    {
        var report = compiled.Report;
        var values = new decimal?[report.Measures.Count];
        var byKey = new Dictionary<string, decimal?>();
        for (var i = 0; i < report.Measures.Count; i++)
        {
            var m = report.Measures[i];
            decimal? v = m.Aggregate switch
            {
                Aggregate.Ratio => Divide(byKey.GetValueOrDefault(m.Numerator!), byKey.GetValueOrDefault(m.Denominator!)),
                Aggregate.Share => totals is null ? null : Divide(byKey.GetValueOrDefault(m.Of!), totals[report.Measures.ToList().FindIndex(x => x.Key == m.Of)]),
                Aggregate.Change => previous is null ? null : Change(byKey.GetValueOrDefault(m.Of!), previous[report.Measures.ToList().FindIndex(x => x.Key == m.Of)]),
                Aggregate.Formula => Formula(m, byKey),
                _ => row.Values[compiled.Measures.ToList().FindIndex(c => c.Definition.Key == m.Key)],
            };
            values[i] = v;
            byKey[m.Key] = v;
        }
        return values;
    }

    private decimal? Formula(MeasureDefinition m, IReadOnlyDictionary<string, decimal?> values)
    {
        var variables = values.ToDictionary(p => p.Key, p => p.Value is { } d ? (JsonNode?)JsonValue.Create(d) : null);
        try
        {
            var result = sandbox.Evaluate(m.Expression!, variables);
            return result is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? (decimal)d : null;
        }
        catch (ExpressionException e)
        {
            throw new ReportException($"measures.{m.Key}", $"The formula of '{m.Key}' failed: {e.Message}", $"度量“{m.Key}”的公式出错：{e.Message}");
        }
    }

    private static decimal? Divide(decimal? a, decimal? b) => a is { } x && b is { } y && y != 0 ? x / y : null;

    private static decimal? Change(decimal? current, decimal? previous) =>
        current is { } c && previous is { } p && p != 0 ? (c - p) / Math.Abs(p) : null;

    private static string RowKey(RawRow r) => RowKey(r, -1, null);

    private static string RowKey(RawRow r, int replace, string? with) =>
        $"{r.Grouping}|{r.IsOthers}|" + string.Join("\u001f", r.Keys.Select((k, i) => i == replace ? with : k));

    private static List<ResultRow> Sort(ReportDefinition report, CompiledReport compiled, List<ResultRow> rows)
    {
        IOrderedEnumerable<ResultRow> ordered = rows.OrderBy(r => r.IsOthers);
        var sorts = report.Sort.Count > 0 ? report.Sort
            : report.Top is { } t ? [new SortDefinition(t.By ?? report.Measures[0].Key)]
            : compiled.Dimensions.Select(d => new SortDefinition(d.Key, SortDirection.Asc)).ToList();
        foreach (var s in sorts)
        {
            var measure = report.Measures.ToList().FindIndex(m => m.Key == s.By);
            var dim = compiled.Dimensions.ToList().FindIndex(d => d.Key == s.By);
            if (measure >= 0)
            {
                Func<ResultRow, decimal> key = r => r.Values[measure] ?? decimal.MinValue;
                ordered = s.Direction == SortDirection.Asc ? ordered.ThenBy(key) : ordered.ThenByDescending(key);
            }
            else if (dim >= 0)
            {
                var comparer = new DimensionOrder(compiled.Dimensions[dim]);
                ordered = s.Direction == SortDirection.Asc
                    ? ordered.ThenBy(r => r.Cells[dim].Key, comparer)
                    : ordered.ThenByDescending(r => r.Cells[dim].Key, comparer);
            }
        }
        return ordered.ToList();
    }

    private static Platform.Forms.Definitions.LocalizedText DefaultLabel(MeasureDefinition m, CompiledReport compiled) =>
        compiled.Measures.FirstOrDefault(c => c.Definition.Key == m.Key)?.Field is { } f
            ? new(f.Label.En + " (" + m.Aggregate.ToString().ToLowerInvariant() + ")", f.Label.Zh + "（" + Chinese(m.Aggregate) + "）")
            : m.Aggregate == Aggregate.Count ? new("Count", "数量") : new(m.Key, m.Key);

    private static string Chinese(Aggregate a) => a switch
    {
        Aggregate.Count => "计数",
        Aggregate.DistinctCount => "去重计数",
        Aggregate.Sum => "合计",
        Aggregate.Avg => "平均",
        Aggregate.Min => "最小",
        _ => "最大",
    };
}

/// <summary>Orders keys the way people expect: select options as defined, numbers numerically, periods by date, empty last.</summary>
internal sealed class DimensionOrder(CompiledDimension dimension) : IComparer<string?>
{
    public int Compare(string? x, string? y)
    {
        if (x == y) return 0;
        if (x is null) return 1;
        if (y is null) return -1;
        if (dimension.Kind is FieldKind.Select or FieldKind.MultiSelect)
        {
            var options = dimension.Field.Field.Options;
            int Pos(string k) { var i = options.ToList().FindIndex(o => o.Key == k); return i < 0 ? int.MaxValue : i; }
            var c = Pos(x).CompareTo(Pos(y));
            if (c != 0) return c;
        }
        if (dimension.Kind == FieldKind.Number
            && decimal.TryParse(x, NumberStyles.Number, CultureInfo.InvariantCulture, out var a)
            && decimal.TryParse(y, NumberStyles.Number, CultureInfo.InvariantCulture, out var b))
            return a.CompareTo(b);
        return string.CompareOrdinal(x, y);
    }
}
