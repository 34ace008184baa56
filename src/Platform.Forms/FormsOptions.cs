namespace Platform.Forms;

/// <summary>Settings of the forms engine.</summary>
public sealed class FormsOptions
{
    /// <summary>Zone for "today", "this week" and local date-times without an offset.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Imports with more rows than this run as a background job.</summary>
    public int BackgroundImportThreshold { get; set; } = 2_000;

    /// <summary>
    /// Bulk loads expecting at least this many rows drop the form's non-unique field and search indexes and rebuild
    /// them after the load (unique indexes always stay). Queries on that form lose those indexes meanwhile.
    /// </summary>
    public int BulkIndexDeferThreshold { get; set; } = 100_000;

    /// <summary>Rows per transaction of an import that updates or skips by key (each commit is a resume point).</summary>
    public int ImportBatchSize { get; set; } = 500;

    /// <summary>Imports that only create records and have at least this many rows go through the bulk loader.</summary>
    public int BulkImportThreshold { get; set; } = 1_000;

    /// <summary>Rows per bulk-loaded transaction of such an import (each commit is a resume point).</summary>
    public int ImportBulkSegmentSize { get; set; } = 10_000;

    /// <summary>Largest page a list query may ask for.</summary>
    public int MaxPageSize { get; set; } = 500;
}
