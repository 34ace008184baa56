namespace Platform.Packages.Uninstall;

/// <summary>What uninstalling an app touches, for the warning the admin confirms: records per form, flows, running instances.</summary>
public sealed record UninstallPlan(
    string AppKey,
    string? PackageVersion,
    IReadOnlyDictionary<string, long> RecordsByForm,
    IReadOnlyList<string> Forms,
    IReadOnlyList<string> Workflows,
    int RunningInstances,
    IReadOnlyList<string> Reports,
    IReadOnlyList<string> Dashboards,
    bool HasMenu)
{
    public long Records => RecordsByForm.Values.Sum();
}

/// <summary>What an uninstall did; <see cref="Backup"/> is the package export written first (definitions as they were).</summary>
public sealed record UninstallResult(
    string AppKey,
    IReadOnlyList<string> FormsRetired,
    long RecordsKept,
    IReadOnlyList<string> WorkflowsRetired,
    int InstancesCancelled,
    IReadOnlyList<string> ReportsRemoved,
    bool MenuRemoved,
    string Backup);
