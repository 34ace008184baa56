using Platform.Core.Organization;

namespace Platform.Forms.Bulk;

/// <summary>
/// Loads many new records at once (large imports, sample data, migrations): every row is normalised and validated
/// like a single create, then the valid rows go in by binary COPY into a staging table and set-based inserts of the
/// records, their history and their outbox events, all in one transaction. Unique fields stay enforced by their
/// indexes; a duplicate is reported against its row. Large loads rebuild the form's secondary and search indexes
/// once at the end instead of maintaining them row by row.
/// </summary>
public interface IRecordBulkLoader
{
    /// <summary>Rows are read once, in order; errors name the row by its zero-based position in <paramref name="rows"/>.</summary>
    Task<BulkLoadResult> LoadAsync(UserContext user, string app, string form, IEnumerable<BulkRow> rows, BulkLoadOptions options, CancellationToken ct);
}
