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
}
