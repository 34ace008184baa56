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

    /// <summary>Largest page a list query may ask for.</summary>
    public int MaxPageSize { get; set; } = 500;
}
