using Platform.Core.Organization;

namespace Platform.Forms.Queries;

/// <summary>Lists, searches and relation lookups over a form's records, within the caller's read scope.</summary>
public interface IRecordQueries
{
    /// <summary>Throws <see cref="QueryException"/> for unknown fields, unsupported operators or bad values.</summary>
    Task<RecordPage> ListAsync(UserContext user, string app, string form, RecordQuery query, CancellationToken ct);

    /// <summary>Id and title of records for relation pickers (by keyword) and for showing linked records (by ids).</summary>
    Task<IReadOnlyList<RecordTitle>> LookupAsync(UserContext user, string app, string form, string? keyword, IReadOnlyCollection<Guid>? ids, int limit, CancellationToken ct);
}

public sealed record RecordTitle(Guid Id, string? Title);
