using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Forms.History;

namespace Platform.Forms.Records;

/// <summary>
/// Writes and single reads of records, with permissions, validation, history and outbox events in one transaction.
/// Data is keyed by field key; values use the encodings of docs/architecture.md.
/// </summary>
public interface IRecordStore
{
    Task<RecordWriteResult> CreateAsync(UserContext user, string app, string form, JsonObject data, CancellationToken ct, RecordCreateOptions? options = null);

    Task<FormRecord?> GetAsync(UserContext user, string app, string form, Guid id, CancellationToken ct, bool includeDeleted = false);

    /// <summary>Whole update replaces every editable field (absent means empty); partial touches only the given keys.</summary>
    Task<RecordWriteResult> UpdateAsync(UserContext user, string app, string form, Guid id, JsonObject data, int expectedVersion, bool partial, CancellationToken ct);

    /// <summary>Soft delete; the record stays restorable and its history is kept.</summary>
    Task<RecordWriteResult> DeleteAsync(UserContext user, string app, string form, Guid id, int? expectedVersion, CancellationToken ct);

    /// <summary>
    /// Hands the record to another owner (lead assignment, claiming from a pool); the department follows the new
    /// owner unless given. Needs the update right on the record; history and the outbox record it as "_owner".
    /// </summary>
    Task<RecordWriteResult> AssignAsync(UserContext user, string app, string form, Guid id, Guid ownerId, Guid? departmentId, int? expectedVersion, CancellationToken ct);

    Task<RecordWriteResult> RestoreAsync(UserContext user, string app, string form, Guid id, CancellationToken ct);

    /// <summary>Null when the record does not exist or is not visible; hidden fields are left out of the changes.</summary>
    Task<IReadOnlyList<RecordHistoryEntry>?> HistoryAsync(UserContext user, string app, string form, Guid id, CancellationToken ct);
}
