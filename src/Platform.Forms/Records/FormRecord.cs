using System.Text.Json.Nodes;

namespace Platform.Forms.Records;

/// <summary>A record as a caller may see it: data without the fields hidden from them, plus the promoted columns.</summary>
public sealed record FormRecord(
    Guid Id,
    string App,
    string Form,
    JsonObject Data,
    string? Title,
    Guid? OwnerId,
    Guid? DepartmentId,
    Guid? PartnerId,
    Guid CreatedBy,
    DateTimeOffset CreatedAt,
    Guid UpdatedBy,
    DateTimeOffset UpdatedAt,
    int Version,
    DateTimeOffset? DeletedAt);
