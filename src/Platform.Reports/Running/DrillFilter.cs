using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Forms.Queries;
using Platform.Reports.Compilation;
using Platform.Reports.Definitions;
using Platform.Reports.Sources;

namespace Platform.Reports.Running;

/// <summary>
/// The record-list filter behind a chart element: the report's filter, its parameter values and one condition per
/// clicked dimension value (a period becomes its date range, an empty value "is empty").
/// </summary>
internal static class DrillFilter
{
    public static FilterNode For(ReportDefinition report, SchemaSet schemas, IReadOnlyDictionary<string, ParameterValue> values, IReadOnlyList<string?> keys)
    {
        var parts = new List<FilterNode>();
        if (report.Filter is { } f) parts.Add(f);
        foreach (var p in report.Parameters)
        {
            switch (values.GetValueOrDefault(p.Key))
            {
                case ParameterValue.Range r:
                    parts.Add(FilterNode.Where(p.Field, FilterOperator.Between, new JsonArray(Iso(r.Value.From), Iso(r.Value.To))));
                    break;
                case ParameterValue.Number n:
                    parts.Add(FilterNode.Where(p.Field, p.Op ?? FilterOperator.Eq, JsonValue.Create(n.Value)));
                    break;
                case ParameterValue.Keys k:
                    parts.Add(FilterNode.Where(p.Field, p.Op ?? (k.Values.Count > 1 ? FilterOperator.In : FilterOperator.Eq),
                        k.Values.Count == 1 ? JsonValue.Create(k.Values[0]) : new JsonArray(k.Values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray())));
                    break;
            }
        }
        for (var i = 0; i < keys.Count && i < report.Dimensions.Count; i++)
            parts.Add(Dimension(report.Dimensions[i], schemas, keys[i]));
        return FilterNode.All([.. parts]);
    }

    private static FilterNode Dimension(DimensionDefinition d, SchemaSet schemas, string? key)
    {
        var field = d.Level == AddressLevel.City ? $"{d.Field}.city" : d.Level == AddressLevel.Province ? $"{d.Field}.province" : d.Field;
        if (key is null) return FilterNode.Where(field, FilterOperator.IsEmpty);
        var kind = KindOf(d.Field, schemas);
        if (kind is FieldKind.Date or FieldKind.DateTime
            && DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            var next = (d.Bucket ?? DateBucket.Day) switch
            {
                DateBucket.Week => start.AddDays(7),
                DateBucket.Month => start.AddMonths(1),
                DateBucket.Quarter => start.AddMonths(3),
                DateBucket.Year => start.AddYears(1),
                _ => start.AddDays(1),
            };
            return FilterNode.All(
                FilterNode.Where(field, FilterOperator.Gte, Iso(start)),
                FilterNode.Where(field, FilterOperator.Lt, Iso(next)));
        }
        return FilterNode.Where(field, FilterOperator.Eq, kind == FieldKind.Number && decimal.TryParse(key, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)
            ? JsonValue.Create(n) : JsonValue.Create(key));
    }

    private static FieldKind? KindOf(string path, SchemaSet schemas)
    {
        if (path.StartsWith('_')) return SystemFields.Find(path)?.Kind;
        var first = path.Split('.')[0];
        var field = schemas.Root.Field(first);
        if (field?.Kind == FieldKind.SubTable && path.Split('.') is [_, var line, ..]) return field.Lines.FirstOrDefault(f => f.Key == line)?.Kind;
        return field?.Kind;
    }

    private static JsonNode Iso(DateOnly d) => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
