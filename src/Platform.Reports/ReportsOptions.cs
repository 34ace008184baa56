namespace Platform.Reports;

/// <summary>Settings of the report engine.</summary>
public sealed class ReportsOptions
{
    /// <summary>Time zone in which dates are bucketed and "today" is decided (IANA id).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Roles that may save, publish and delete report and dashboard definitions (administrators always may).</summary>
    public IList<string> DesignerRoles { get; set; } = ["report-designer", "app-admin"];

    /// <summary>Upper bound of the result cache, in cached rows.</summary>
    public long CacheSizeRows { get; set; } = 200_000;

    /// <summary>
    /// Read each form's typed reporting projection (kept exact by triggers on forms.records) instead of extracting
    /// values from JSONB on every run. Off only to compare the two paths.
    /// </summary>
    public bool UseProjections { get; set; } = true;
}
