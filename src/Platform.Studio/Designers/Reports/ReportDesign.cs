using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Forms.Definitions;
using Platform.Forms.Queries;
using Platform.Reports.Definitions;

namespace Platform.Studio.Designers.Reports;

/// <summary>A filter condition the report designer builds without code; the conditions are AND-ed.</summary>
public sealed record ReportFilterCondition(string Field, FilterOperator Op, string? Value);

/// <summary>
/// The report being designed: source form, dimensions, measures, filters, sort, top-N, totals and the chart,
/// edited as lists and turned into a <see cref="ReportDefinition"/> for the engine.
/// </summary>
public sealed partial class ReportDesign
{
    public ReportDesign(string app, string key, LocalizedText name, string form)
    {
        App = app;
        Key = key;
        Name = name;
        Form = form;
    }

    public string App { get; }
    public string Key { get; set; }
    public LocalizedText Name { get; set; }
    public string Form { get; set; }
    public List<DimensionDefinition> Dimensions { get; } = [];
    public List<MeasureDefinition> Measures { get; } = [];
    public List<ReportFilterCondition> Filters { get; } = [];
    /// <summary>A filter the designer cannot show as simple conditions (written by hand or by a package); kept as it is.</summary>
    public FilterNode? AdvancedFilter { get; set; }
    public List<ParameterDefinition> Parameters { get; } = [];
    public string? SortBy { get; set; }
    public SortDirection SortDirection { get; set; } = SortDirection.Desc;
    public int? TopCount { get; set; }
    public bool TopOthers { get; set; }
    public bool Totals { get; set; }
    public string ChartType { get; set; } = "column";
    public LocalizedText? Title { get; set; }
    public bool Labels { get; set; }
    public List<string> Colors { get; } = [];
    public bool IsPublished { get; set; }

    public static ReportDesign From(ReportDefinition report)
    {
        var design = new ReportDesign(report.App, report.Key, report.Name, report.Source.Form)
        {
            SortBy = report.Sort.FirstOrDefault()?.By,
            SortDirection = report.Sort.FirstOrDefault()?.Direction ?? SortDirection.Desc,
            TopCount = report.Top?.Count,
            TopOthers = report.Top?.Others ?? false,
            Totals = report.Totals,
            ChartType = report.Chart.Type,
            Title = report.Chart.Title,
            Labels = report.Chart.Labels,
        };
        design.Dimensions.AddRange(report.Dimensions);
        design.Measures.AddRange(report.Measures);
        design.Parameters.AddRange(report.Parameters);
        design.Colors.AddRange(report.Chart.Colors ?? []);
        if (report.Filter is { } filter)
        {
            var simple = (filter.And ?? (filter.Field is not null ? [filter] : null))?.ToList();
            if (simple is not null && simple.All(n => n.Field is not null && n.Op is not null && n.Value is null or JsonValue))
                design.Filters.AddRange(simple.Select(n => new ReportFilterCondition(n.Field!, n.Op!.Value, n.Value?.ToString())));
            else design.AdvancedFilter = filter;
        }
        return design;
    }

    public ReportDefinition ToDefinition(FormDefinition? form = null)
    {
        var conditions = Filters.Select(c => FilterNode.Where(c.Field, c.Op, FilterValue(c, form))).ToList();
        if (AdvancedFilter is not null) conditions.Add(AdvancedFilter);
        return new ReportDefinition
        {
            App = App,
            Key = Key,
            Name = Name,
            Source = new ReportSource(Form),
            Dimensions = Dimensions.ToList(),
            Measures = Measures.ToList(),
            Filter = conditions.Count switch { 0 => null, 1 => conditions[0], _ => new FilterNode { And = conditions } },
            Parameters = Parameters.ToList(),
            Sort = SortBy is not null ? [new SortDefinition(SortBy, SortDirection)]
                // A leaderboard without a chosen order ranks by its first measure, best first.
                : ChartType == "ranking" && Measures.FirstOrDefault(m => !m.Hidden) is { } first ? [new SortDefinition(first.Key, SortDirection.Desc)]
                : [],
            Top = TopCount is { } n && n > 0 ? new TopN(n, SortBy ?? Measures.FirstOrDefault(m => !m.IsDerived)?.Key, TopOthers) : null,
            Totals = Totals,
            Chart = new ChartDefinition { Type = ChartType, Title = Title, Labels = Labels, Colors = Colors.Count == 0 ? null : Colors.ToList() },
        };
    }

    /// <summary>Adds a dimension for a field (drag onto "dimensions"); dates get a month bucket, which is what people group dates by.</summary>
    public void AddDimension(string field, FieldDefinition? definition)
    {
        if (Dimensions.Any(d => d.Field == field)) return;
        Dimensions.Add(new DimensionDefinition
        {
            Field = field,
            Bucket = definition?.Type is "date" or "datetime" || field is "_createdAt" or "_updatedAt" ? DateBucket.Month : null,
        });
    }

    /// <summary>Adds a measure for a field: a sum for numbers, otherwise a count of non-empty values.</summary>
    public void AddMeasure(string? field, FieldDefinition? definition)
    {
        var numeric = definition?.Type is "number" or "money" or "percent" || definition is { Type: "formula", Widget: null or "number" };
        var key = UniqueMeasureKey(field is null ? "count" : Regex.Replace(field, "[^a-z0-9_]", "_"));
        Measures.Add(new MeasureDefinition
        {
            Key = key,
            Aggregate = field is null ? Aggregate.Count : numeric ? Aggregate.Sum : Aggregate.Count,
            Field = field,
            Label = definition?.Label ?? (field is null ? new LocalizedText("Count", "数量") : null),
            Format = definition?.Type == "money" ? ValueFormat.Money : definition?.Type == "percent" ? ValueFormat.Percent : field is null ? ValueFormat.Integer : ValueFormat.Number,
        });
    }

    private string UniqueMeasureKey(string stem)
    {
        if (!char.IsLetter(stem[0])) stem = "m_" + stem;
        var key = stem;
        for (var n = 2; Measures.Any(m => m.Key == key); n++) key = $"{stem}_{n}";
        return key;
    }

    private static JsonNode? FilterValue(ReportFilterCondition condition, FormDefinition? form)
    {
        if (condition.Op is FilterOperator.IsEmpty or FilterOperator.IsNotEmpty or FilterOperator.Today or FilterOperator.ThisWeek
            or FilterOperator.ThisMonth or FilterOperator.ThisQuarter or FilterOperator.ThisYear or FilterOperator.IsMe
            or FilterOperator.IsMyDepartment or FilterOperator.IsMyPartner) return null;
        var text = condition.Value ?? "";
        if (condition.Op is FilterOperator.In or FilterOperator.NotIn)
            return new JsonArray(text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        var type = form?.Field(condition.Field)?.Type;
        if ((type is "number" or "money" or "percent" or "formula" || condition.Op == FilterOperator.LastNDays)
            && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        if (type == "checkbox" && bool.TryParse(text, out var b)) return JsonValue.Create(b);
        return JsonValue.Create(text);
    }
}
