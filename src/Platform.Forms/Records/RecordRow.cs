using System.Text.Json.Nodes;

namespace Platform.Forms.Records;

/// <summary>A forms.records row as Dapper reads it.</summary>
internal sealed class RecordRow
{
    public Guid Id { get; init; }
    public string AppKey { get; init; } = "";
    public string FormKey { get; init; } = "";
    public string Data { get; init; } = "{}";
    public string? Title { get; init; }
    public Guid? OwnerId { get; init; }
    public Guid? DepartmentId { get; init; }
    public Guid? PartnerId { get; init; }
    public Guid CreatedBy { get; init; }
    public DateTime CreatedAt { get; init; }
    public Guid UpdatedBy { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int Version { get; init; }
    public DateTime? DeletedAt { get; init; }
    /// <summary>The sort key of a list row as text, for the next page's cursor.</summary>
    public string? SortValue { get; init; }

    public const string Columns = "r.id AS Id, r.app_key AS AppKey, r.form_key AS FormKey, r.data::text AS Data, r.title AS Title, " +
        "r.owner_id AS OwnerId, r.department_id AS DepartmentId, r.partner_id AS PartnerId, r.created_by AS CreatedBy, " +
        "r.created_at AS CreatedAt, r.updated_by AS UpdatedBy, r.updated_at AS UpdatedAt, r.version AS Version, r.deleted_at AS DeletedAt";

    public JsonObject ParseData() => JsonNode.Parse(Data)?.AsObject() ?? new JsonObject();

    public FormRecord ToRecord(JsonObject data) => new(Id, AppKey, FormKey, data, Title, OwnerId, DepartmentId, PartnerId,
        CreatedBy, Utc(CreatedAt), UpdatedBy, Utc(UpdatedAt), Version, DeletedAt is { } d ? Utc(d) : null);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
