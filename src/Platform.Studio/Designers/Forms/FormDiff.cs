using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Forms.Definitions;

namespace Platform.Studio.Designers.Forms;

public enum ChangeKind { Added, Removed, Changed }

/// <summary>One property of a field that differs between two versions, as JSON text.</summary>
public sealed record PropertyChange(string Property, string? Before, string? After);

/// <summary>A field that was added, removed or changed between two versions.</summary>
public sealed record FieldChange(string Key, ChangeKind Kind, LocalizedText Label, IReadOnlyList<PropertyChange> Properties);

/// <summary>Field-level comparison of two form versions, plus whether layout, rules and permissions changed.</summary>
public sealed record FormComparison(IReadOnlyList<FieldChange> Fields, bool NameChanged, bool LayoutChanged, bool RulesChanged, bool PermissionsChanged)
{
    public bool IsEmpty => Fields.Count == 0 && !NameChanged && !LayoutChanged && !RulesChanged && !PermissionsChanged;
}

public static class FormDiff
{
    public static FormComparison Compare(FormDefinition before, FormDefinition after)
    {
        var changes = new List<FieldChange>();
        var old = before.Fields.ToDictionary(f => f.Key);
        foreach (var field in after.Fields)
        {
            if (!old.TryGetValue(field.Key, out var previous)) { changes.Add(new(field.Key, ChangeKind.Added, field.Label, [])); continue; }
            var properties = Properties(previous, field);
            if (properties.Count > 0) changes.Add(new(field.Key, ChangeKind.Changed, field.Label, properties));
        }
        var now = after.Fields.Select(f => f.Key).ToHashSet();
        changes.AddRange(before.Fields.Where(f => !now.Contains(f.Key)).Select(f => new FieldChange(f.Key, ChangeKind.Removed, f.Label, [])));
        return new FormComparison(changes,
            NameChanged: before.Name != after.Name,
            LayoutChanged: Json(before.Layout) != Json(after.Layout),
            RulesChanged: Json(before.Rules ?? []) != Json(after.Rules ?? []),
            PermissionsChanged: Json(before.Permissions ?? []) != Json(after.Permissions ?? []));
    }

    private static List<PropertyChange> Properties(FieldDefinition before, FieldDefinition after)
    {
        var a = (JsonObject)JsonSerializer.SerializeToNode(before, FormJson.Options)!;
        var b = (JsonObject)JsonSerializer.SerializeToNode(after, FormJson.Options)!;
        var names = a.Select(p => p.Key).Union(b.Select(p => p.Key)).Where(n => n != "key");
        return names
            .Select(n => new PropertyChange(n, a[n]?.ToJsonString(Compact), b[n]?.ToJsonString(Compact)))
            .Where(c => c.Before != c.After)
            .ToList();
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, FormJson.Options);

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
