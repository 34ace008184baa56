using System.Text.Json.Nodes;
using Platform.Forms.Definitions;
using Platform.Forms.Queries;
using Platform.Forms.Records;

namespace Platform.Studio.Runtime.Lists;

/// <summary>One kanban column: an option of the select field (or "none"), its first cards and how many there are.</summary>
public sealed record BoardColumn(string? OptionKey, string Label, string? Color, IReadOnlyList<FormRecord> Cards, long Total);

/// <summary>
/// A kanban board by a select field. Each column is its own server query (first <see cref="CardsPerColumn"/> cards and
/// a count), so a board on a million records never loads them all; moving a card is a version-checked partial update.
/// </summary>
public sealed class RecordBoard(IRecordQueries queries, IRecordStore store)
{
    public const int CardsPerColumn = 30;

    /// <summary>Select fields a board can be drawn by.</summary>
    public static IEnumerable<FieldDefinition> BoardFields(FormContext context) =>
        context.VisibleFields.Where(f => f.Type == "select" && f.Options is { Count: > 0 });

    public async Task<IReadOnlyList<BoardColumn>> LoadAsync(FormContext context, FieldDefinition field, FilterNode? filter, string? keyword, string culture, CancellationToken ct)
    {
        var columns = new List<BoardColumn>();
        foreach (var option in field.Options!)
            columns.Add(await ColumnAsync(context, option.Key, option.Label.For(culture), option.Color,
                FilterNode.Where(field.Key, FilterOperator.Eq, JsonValue.Create(option.Key)), filter, keyword, ct));
        var none = await ColumnAsync(context, null, "—", null, FilterNode.Where(field.Key, FilterOperator.IsEmpty), filter, keyword, ct);
        if (none.Total > 0) columns.Insert(0, none);
        return columns;
    }

    /// <summary>Moves a card to another column; refused (Conflict) when someone saved the record since it was loaded.</summary>
    public Task<RecordWriteResult> MoveAsync(FormContext context, FieldDefinition field, FormRecord card, string? optionKey, CancellationToken ct) =>
        store.UpdateAsync(context.User, context.Form.App, context.Form.Key, card.Id,
            new JsonObject { [field.Key] = optionKey is null ? null : JsonValue.Create(optionKey) }, card.Version, partial: true, ct);

    private async Task<BoardColumn> ColumnAsync(FormContext context, string? key, string label, string? color, FilterNode column, FilterNode? filter,
        string? keyword, CancellationToken ct)
    {
        var page = await queries.ListAsync(context.User, context.Form.App, context.Form.Key, new RecordQuery
        {
            PageSize = CardsPerColumn,
            IncludeTotal = true,
            Keyword = string.IsNullOrWhiteSpace(keyword) ? null : keyword.Trim(),
            Filter = filter is null ? column : FilterNode.All(filter, column),
            Sort = [new SortSpec("_updatedAt", Descending: true)],
        }, ct);
        return new BoardColumn(key, label, color, page.Items, page.Total ?? page.Items.Count);
    }
}
