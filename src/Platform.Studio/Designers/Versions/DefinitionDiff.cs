using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Platform.Reports.Definitions;
using Platform.Studio.Designers.Forms;

namespace Platform.Studio.Designers.Versions;

/// <summary>
/// One thing that differs between two versions: an item of an area (a measure, a widget, a filter condition …) that was
/// added, removed or changed, with the properties that changed in readable text.
/// </summary>
public sealed record DefinitionChange(string Area, string Item, ChangeKind Kind, IReadOnlyList<PropertyChange> Properties);

public sealed record DefinitionComparison(IReadOnlyList<DefinitionChange> Changes)
{
    public bool IsEmpty => Changes.Count == 0;
    public IEnumerable<DefinitionChange> In(string area) => Changes.Where(c => c.Area == area);
}

/// <summary>
/// Compares two versions of a report or a dashboard item by item (dimensions by field, measures by key, widgets by id,
/// filter conditions as sentences), so a designer sees "measure amount: sum → avg" rather than two JSON documents.
/// </summary>
public static class DefinitionDiff
{
    public const string General = "general", Dimensions = "dimensions", Measures = "measures", Filters = "filters",
        Parameters = "parameters", Chart = "chart", Widgets = "widgets";

    public static DefinitionComparison Compare(ReportDefinition before, ReportDefinition after)
    {
        var (a, b) = (Node(before), Node(after));
        var changes = new List<DefinitionChange>();
        Settings(changes, General, "", a, b, ["name", "description", "source", "sort", "top", "totals", "subtotals", "maxGroups"]);
        Keyed(changes, Dimensions, a["dimensions"], b["dimensions"], d => Text(d["key"]) ?? Text(d["field"]) ?? "");
        Keyed(changes, Measures, a["measures"], b["measures"], m => Text(m["key"]) ?? "");
        Conditions(changes, before.Filter, after.Filter);
        Keyed(changes, Parameters, a["parameters"], b["parameters"], p => Text(p["key"]) ?? "");
        Settings(changes, Chart, "", a["chart"] as JsonObject ?? [], b["chart"] as JsonObject ?? [], null);
        return new DefinitionComparison(changes);
    }

    public static DefinitionComparison Compare(DashboardDefinition before, DashboardDefinition after)
    {
        var (a, b) = (Node(before), Node(after));
        var changes = new List<DefinitionChange>();
        Settings(changes, General, "", a, b, ["name", "description", "columns", "refreshSeconds"]);
        Keyed(changes, Filters, a["filters"], b["filters"], f => Text(f["key"]) ?? "");
        Keyed(changes, Widgets, Positions(a["widgets"]), Positions(b["widgets"]), w => Text(w["id"]) ?? "");
        return new DefinitionComparison(changes);
    }

    /// <summary>A value as a person reads it: plain strings, "中文 / English" names, lists joined by commas.</summary>
    public static string? Readable(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        JsonObject o when o.Count == 2 && o["zh"] is JsonValue zh && o["en"] is JsonValue en => $"{zh} / {en}",
        JsonArray arr when arr.All(i => i is JsonValue) => string.Join(", ", arr.Select(i => Readable(i))),
        JsonObject o => string.Join(", ", o.Select(p => $"{p.Key}: {Readable(p.Value)}")),
        _ => node.ToJsonString(Compact),
    };

    // Items of a keyed list: added, removed, changed property by property, and a moved item when only the order differs.
    private static void Keyed(List<DefinitionChange> changes, string area, JsonNode? before, JsonNode? after, Func<JsonObject, string> key)
    {
        var old = Items(before).ToList();
        var now = Items(after).ToList();
        var oldByKey = old.GroupBy(key).ToDictionary(g => g.Key, g => g.First());
        var nowKeys = now.Select(key).ToHashSet();
        foreach (var item in now)
        {
            var k = key(item);
            if (!oldByKey.TryGetValue(k, out var previous)) { changes.Add(new(area, k, ChangeKind.Added, Summary(item))); continue; }
            var properties = PropertyChanges(previous, item, null);
            if (properties.Count > 0) changes.Add(new(area, k, ChangeKind.Changed, properties));
        }
        changes.AddRange(old.Where(i => !nowKeys.Contains(key(i))).Select(i => new DefinitionChange(area, key(i), ChangeKind.Removed, Summary(i))));
        var kept = now.Select(key).Where(oldByKey.ContainsKey).ToList();
        var keptBefore = old.Select(key).Where(nowKeys.Contains).ToList();
        if (!kept.SequenceEqual(keptBefore))
            changes.Add(new(area, "", ChangeKind.Changed, [new PropertyChange("order", string.Join(", ", keptBefore), string.Join(", ", kept))]));
    }

    private static void Settings(List<DefinitionChange> changes, string area, string item, JsonObject before, JsonObject after, string[]? only)
    {
        var properties = PropertyChanges(before, after, only);
        if (properties.Count > 0) changes.Add(new(area, item, ChangeKind.Changed, properties));
    }

    private static List<PropertyChange> PropertyChanges(JsonObject before, JsonObject after, string[]? only)
    {
        var names = only ?? before.Select(p => p.Key).Union(after.Select(p => p.Key)).ToArray();
        return names
            .Where(n => !JsonNode.DeepEquals(before[n], after[n]))
            .Select(n => new PropertyChange(n, Readable(before[n]), Readable(after[n])))
            .ToList();
    }

    private static List<PropertyChange> Summary(JsonObject item) =>
        item.Where(p => p.Value is not null).Select(p => new PropertyChange(p.Key, null, Readable(p.Value))).ToList();

    // Filter conditions compared as sentences ("stage = won"); the and/or grouping as one more change when only it moved.
    private static void Conditions(List<DefinitionChange> changes, Platform.Forms.Queries.FilterNode? before, Platform.Forms.Queries.FilterNode? after)
    {
        var old = Sentences(before).ToList();
        var now = Sentences(after).ToList();
        foreach (var s in now.Except(old)) changes.Add(new(Filters, s, ChangeKind.Added, []));
        foreach (var s in old.Except(now)) changes.Add(new(Filters, s, ChangeKind.Removed, []));
        if (old.ToHashSet().SetEquals(now) && !JsonNode.DeepEquals(Node(before), Node(after)))
            changes.Add(new(Filters, "", ChangeKind.Changed, [new PropertyChange("logic", Logic(before), Logic(after))]));
    }

    private static IEnumerable<string> Sentences(Platform.Forms.Queries.FilterNode? node)
    {
        if (node is null) yield break;
        if (node.Field is not null)
            yield return $"{node.Field} {Operator(node.Op)} {Readable(node.Value)}".TrimEnd();
        foreach (var child in (node.And ?? []).Concat(node.Or ?? []))
            foreach (var s in Sentences(child)) yield return s;
    }

    private static string Logic(Platform.Forms.Queries.FilterNode? node) => node switch
    {
        null => "",
        { Field: not null } => $"{node.Field} {Operator(node.Op)} {Readable(node.Value)}".TrimEnd(),
        { And: { } all } => "(" + string.Join(" AND ", all.Select(Logic)) + ")",
        { Or: { } any } => "(" + string.Join(" OR ", any.Select(Logic)) + ")",
        _ => "",
    };

    private static string Operator(Platform.Forms.Queries.FilterOperator? op) => op switch
    {
        Platform.Forms.Queries.FilterOperator.Eq => "=",
        Platform.Forms.Queries.FilterOperator.Ne => "≠",
        Platform.Forms.Queries.FilterOperator.Gt => ">",
        Platform.Forms.Queries.FilterOperator.Gte => "≥",
        Platform.Forms.Queries.FilterOperator.Lt => "<",
        Platform.Forms.Queries.FilterOperator.Lte => "≤",
        null => "",
        var other => JsonNamingPolicy.CamelCase.ConvertName(other.ToString()!),
    };

    // A widget's x/y/w/h read as one "position" property: moving a widget is one change, not four.
    private static JsonArray Positions(JsonNode? widgets)
    {
        var result = new JsonArray();
        foreach (var w in Items(widgets))
        {
            var copy = (JsonObject)w.DeepClone();
            var position = $"x{Readable(copy["x"])} y{Readable(copy["y"])} · {Readable(copy["w"])}×{Readable(copy["h"])}";
            foreach (var p in new[] { "x", "y", "w", "h" }) copy.Remove(p);
            copy["position"] = position;
            result.Add(copy);
        }
        return result;
    }

    private static IEnumerable<JsonObject> Items(JsonNode? list) => (list as JsonArray ?? []).OfType<JsonObject>();

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonObject Node<T>(T value) =>
        JsonSerializer.SerializeToNode(value, Options) as JsonObject ?? [];

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
