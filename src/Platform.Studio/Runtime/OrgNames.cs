using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace Platform.Studio.Runtime;

/// <summary>
/// Names of people, departments and partners for ids shown in lists, group headers and the admin pages: one query
/// for a whole page, never one per row. Ids that match nothing keep no entry, so callers fall back to the id.
/// </summary>
public sealed partial class OrgNames(NpgsqlDataSource db)
{
    public static readonly IReadOnlySet<string> OrgFieldTypes = new HashSet<string>(StringComparer.Ordinal) { "member", "department", "partner" };

    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var distinct = ids.Where(id => id != Guid.Empty).Distinct().ToArray();
        if (distinct.Length == 0) return new Dictionary<Guid, string>();
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(Guid Id, string Name)>(new CommandDefinition("""
            SELECT id, display_name FROM identity.users WHERE id = ANY(@ids)
            UNION ALL SELECT id, name FROM identity.departments WHERE id = ANY(@ids)
            UNION ALL SELECT id, name FROM identity.partners WHERE id = ANY(@ids)
            """, new { ids = distinct }, cancellationToken: ct));
        var names = new Dictionary<Guid, string>();
        foreach (var (id, name) in rows) names.TryAdd(id, name);
        return names;
    }

    /// <summary>The ids stored in a value of a member, department or partner field (one id or a list).</summary>
    public static IEnumerable<Guid> IdsIn(JsonNode? value) => value switch
    {
        JsonArray a => a.SelectMany(IdsIn),
        JsonValue v when v.TryGetValue<string>(out var s) && Guid.TryParse(s, out var g) => [g],
        _ => [],
    };

    /// <summary>A stored id (or list of ids) as names, falling back to the id when it is unknown.</summary>
    public static string Display(JsonNode? value, IReadOnlyDictionary<Guid, string> names) =>
        string.Join("、", IdsIn(value).Select(id => names.TryGetValue(id, out var n) ? n : id.ToString()));

    /// <summary>Ids written into free text (audit targets and details).</summary>
    public static IEnumerable<Guid> IdsInText(string? text) =>
        text is null ? [] : GuidPattern().Matches(text).Select(m => Guid.Parse(m.Value));

    /// <summary>The text with every known id replaced by its name; unknown ids stay as they are.</summary>
    public static string? WithNames(string? text, IReadOnlyDictionary<Guid, string> names) =>
        text is null ? null : GuidPattern().Replace(text, m => names.TryGetValue(Guid.Parse(m.Value), out var name) ? name : m.Value);

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();
}
