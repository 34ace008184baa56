using System.Text.Json.Nodes;
using Platform.Forms.Records;

namespace Platform.Studio.Runtime.Lists;

/// <summary>The outcome of a bulk action: how many records it changed and why the others were refused.</summary>
public sealed record BulkOutcome(int Done, IReadOnlyList<string> Refused);

/// <summary>
/// Assign owner, update a field and delete on selected records. Each record goes through the record store on its own,
/// so the same permission checks, validation, version check and history apply as for a single edit.
/// </summary>
public sealed class BulkActions(IRecordStore store)
{
    public const int MaxRecords = 500;

    public Task<BulkOutcome> AssignAsync(FormContext context, IReadOnlyList<FormRecord> records, Guid ownerId, string culture, CancellationToken ct) =>
        RunAsync(records, culture, r => store.AssignAsync(context.User, context.Form.App, context.Form.Key, r.Id, ownerId, null, r.Version, ct));

    public Task<BulkOutcome> UpdateAsync(FormContext context, IReadOnlyList<FormRecord> records, string field, JsonNode? value, string culture, CancellationToken ct)
    {
        if (context.Form.Field(field) is null || !context.Access.IsVisible(field))
            throw new ArgumentException($"Unknown field '{field}'.", nameof(field));
        return RunAsync(records, culture, r => store.UpdateAsync(context.User, context.Form.App, context.Form.Key, r.Id,
            new JsonObject { [field] = value?.DeepClone() }, r.Version, partial: true, ct));
    }

    public Task<BulkOutcome> DeleteAsync(FormContext context, IReadOnlyList<FormRecord> records, string culture, CancellationToken ct) =>
        RunAsync(records, culture, r => store.DeleteAsync(context.User, context.Form.App, context.Form.Key, r.Id, r.Version, ct));

    private static async Task<BulkOutcome> RunAsync(IReadOnlyList<FormRecord> records, string culture, Func<FormRecord, Task<RecordWriteResult>> action)
    {
        if (records.Count > MaxRecords) throw new ArgumentException($"At most {MaxRecords} records at once.", nameof(records));
        var zh = culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var done = 0;
        var refused = new List<string>();
        foreach (var record in records)
        {
            var result = await action(record);
            if (result is RecordWriteResult.Saved) { done++; continue; }
            refused.Add($"{record.Title ?? record.Id.ToString()}: " + result switch
            {
                RecordWriteResult.Forbidden f => zh ? f.Zh : f.En,
                RecordWriteResult.Conflict => zh ? "其他人已先修改" : "changed by someone else",
                RecordWriteResult.Invalid i => string.Join("; ", i.Errors.Select(e => zh ? e.Zh : e.En)),
                _ => zh ? "记录不存在" : "not found",
            });
        }
        return new BulkOutcome(done, refused);
    }
}
