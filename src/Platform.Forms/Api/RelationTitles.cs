using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Queries;
using Platform.Forms.Records;

namespace Platform.Forms.Api;

/// <summary>Looks up titles of related records through the same permission-checked lookup the pickers use.</summary>
internal sealed class RelationTitles(IFormDefinitions definitions, IRecordQueries queries)
{
    public async Task<RecordView> ViewAsync(UserContext user, FormRecord record, CancellationToken ct)
    {
        var form = await definitions.GetPublishedAsync(record.App, record.Form, ct);
        var result = new Dictionary<string, IReadOnlyList<RecordTitle>>();
        foreach (var field in form?.Fields.Where(f => f.Type == "relation" && f.Relation is not null) ?? [])
        {
            var ids = Ids(record.Data[field.Key]).ToList();
            if (ids.Count == 0) continue;
            result[field.Key] = await queries.LookupAsync(user, field.Relation!.App ?? record.App, field.Relation.Form, null, ids, ids.Count, ct);
        }
        return new RecordView(record, result);
    }

    private static IEnumerable<Guid> Ids(JsonNode? value) => value switch
    {
        JsonArray a => a.SelectMany(Ids),
        JsonValue v when v.TryGetValue<string>(out var s) && Guid.TryParse(s, out var g) => [g],
        _ => [],
    };
}
