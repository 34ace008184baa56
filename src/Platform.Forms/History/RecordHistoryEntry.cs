using System.Text.Json.Nodes;

namespace Platform.Forms.History;

/// <summary>One change of a record: who, when, which version it produced, and each field's before and after.</summary>
public sealed record RecordHistoryEntry(long Id, int Version, string Kind, Guid ActorId, DateTimeOffset OccurredAt, IReadOnlyList<FieldChange> Changes);

public sealed record FieldChange(string Field, JsonNode? Before, JsonNode? After);
