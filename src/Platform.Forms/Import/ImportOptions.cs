using System.Text.Json.Serialization;

namespace Platform.Forms.Import;

[JsonConverter(typeof(JsonStringEnumConverter<DuplicateMode>))]
public enum DuplicateMode
{
    /// <summary>A row whose key matches an existing record is left out (and reported).</summary>
    Skip,
    /// <summary>The existing record is updated with the row's mapped columns.</summary>
    Update,
    /// <summary>A new record is created anyway (unique fields may still refuse it).</summary>
    Create,
}

/// <summary>How a spreadsheet maps onto a form.</summary>
public sealed record ImportOptions
{
    /// <summary>Column header → field key. Unmapped columns whose header equals a field key or label (en/zh) map themselves.</summary>
    public IReadOnlyDictionary<string, string>? Mapping { get; init; }
    /// <summary>Field whose value identifies an existing record.</summary>
    public string? KeyField { get; init; }
    public DuplicateMode OnDuplicate { get; init; } = DuplicateMode.Skip;
    /// <summary>When any row fails, nothing is written and the report lists the failures.</summary>
    public bool AllOrNothing { get; init; }
}

/// <summary>What an import did, row by row for failures (row numbers count the header as row 1).</summary>
public sealed record ImportReport(int Total, int Inserted, int Updated, int Skipped, int Failed, bool RolledBack, IReadOnlyList<ImportRowError> Errors);

public sealed record ImportRowError(int Row, string Field, string En, string Zh);

/// <summary>A background import's state.</summary>
public sealed record ImportJob(Guid Id, string Status, int Total, int Processed, ImportReport? Report, string? Error);

/// <summary>
/// Where an import stands: rows before <see cref="NextRow"/> are committed, with these totals. <see cref="Errors"/>
/// are the errors since the previous checkpoint when written, and all errors so far when resuming.
/// </summary>
internal sealed record ImportCheckpoint(int NextRow, int Inserted, int Updated, int Skipped, int Failed, IReadOnlyList<ImportRowError> Errors);
