using System.Text.Json.Nodes;
using Npgsql;

namespace Platform.Workflow.Records;

/// <summary>A record as workflow steps see it.</summary>
public sealed record WorkflowRecord(
    Guid Id, string AppKey, string FormKey, JsonObject Data, string? Title,
    Guid? OwnerId, Guid? DepartmentId, Guid? PartnerId, Guid CreatedBy, DateTime CreatedAt, DateTime UpdatedAt, int Version);

/// <summary>
/// The small port through which workflow steps read and write records, inside the step's own transaction
/// so a record change and the token move commit together.
/// </summary>
internal interface IWorkflowRecords
{
    Task<WorkflowRecord?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, CancellationToken ct);

    /// <summary>Merges <paramref name="changes"/> into the record's data and writes the change event.</summary>
    Task UpdateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, JsonObject changes, Guid? newOwner, Guid actor, DateTimeOffset now, CancellationToken ct);

    Task<Guid> CreateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string appKey, string formKey, JsonObject data, Guid actor, DateTimeOffset now, CancellationToken ct);

    Task<IReadOnlyList<WorkflowRecord>> ListAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string appKey, string formKey, CancellationToken ct);

    /// <summary>Records of the form each user owns (for least-loaded assignment).</summary>
    Task<IReadOnlyDictionary<Guid, int>> CountOwnedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string appKey, string formKey, IReadOnlyList<Guid> users, CancellationToken ct);
}
