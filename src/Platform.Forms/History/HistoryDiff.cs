using System.Text.Json.Nodes;

namespace Platform.Forms.History;

/// <summary>Field-level differences between two versions of a record's data.</summary>
internal static class HistoryDiff
{
    public static IReadOnlyList<FieldChange> Between(JsonObject? before, JsonObject? after)
    {
        var keys = (before?.Select(p => p.Key) ?? []).Union(after?.Select(p => p.Key) ?? []);
        return keys
            .Select(k => new FieldChange(k, before?[k]?.DeepClone(), after?[k]?.DeepClone()))
            .Where(c => !JsonNode.DeepEquals(c.Before, c.After))
            .ToList();
    }

    public static JsonArray ToJson(IReadOnlyList<FieldChange> changes) =>
        new([.. changes.Select(c => (JsonNode)new JsonObject { ["field"] = c.Field, ["before"] = c.Before?.DeepClone(), ["after"] = c.After?.DeepClone() })]);

    public static IReadOnlyList<FieldChange> FromJson(string json) =>
        (JsonNode.Parse(json) as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(o => new FieldChange(o["field"]!.GetValue<string>(), o["before"]?.DeepClone(), o["after"]?.DeepClone()))
            .ToList();
}
