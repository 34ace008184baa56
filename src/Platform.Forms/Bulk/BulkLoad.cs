using System.Text.Json.Nodes;
using Platform.Forms.Records;

namespace Platform.Forms.Bulk;

/// <summary>One record to load: its field values and, optionally, owner, department or id.</summary>
public sealed record BulkRow(JsonObject Data, RecordCreateOptions? Options = null);

public sealed record BulkLoadOptions
{
    /// <summary>When any row fails (validation or a duplicate unique value), nothing is written.</summary>
    public bool AllOrNothing { get; init; }

    /// <summary>
    /// How many rows the caller expects. At or above <see cref="FormsOptions.BulkIndexDeferThreshold"/> the form's
    /// non-unique field indexes and its search index are dropped for the load and rebuilt afterwards.
    /// </summary>
    public int? ExpectedRows { get; init; }
}

/// <summary>What a bulk load did. <see cref="RolledBack"/> is true when all-or-nothing refused the load.</summary>
public sealed record BulkLoadResult(int Total, int Inserted, int Failed, bool RolledBack, bool IndexesRebuilt, IReadOnlyList<BulkRowError> Errors)
{
    /// <summary>The load was refused as a whole (form not published, no create right).</summary>
    public static BulkLoadResult Refused(string en, string zh) => new(0, 0, 0, true, false, [new BulkRowError(-1, "", "refused", en, zh)]);
}

/// <summary>A failed row: <see cref="Row"/> is its zero-based position in the input (-1 for the load as a whole).</summary>
public sealed record BulkRowError(int Row, string Field, string Code, string En, string Zh);
