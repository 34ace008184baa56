namespace Platform.Packages.Install;

/// <summary>How to install: with the package's generated sample data or not; sample users' password (null: generated).</summary>
public sealed record InstallOptions(bool WithSampleData = false, double? SampleDataScale = null, string? SampleUserPassword = null);

/// <summary>A definition the customer changed after the package installed it; the package leaves it as it is.</summary>
public sealed record CustomerChange(string File, string Key, string Message);

/// <summary>What an install or upgrade did.</summary>
public sealed record InstallResult(
    string AppKey,
    string? PreviousVersion,
    string Version,
    IReadOnlyList<string> FormsCreated,
    IReadOnlyList<string> FormsUpdated,
    IReadOnlyList<string> FormsUnchanged,
    IReadOnlyList<CustomerChange> CustomerChanges,
    IReadOnlyList<string> RolesCreated,
    int SampleRecords)
{
    /// <summary>Reports and dashboards published by this run (new or following the package).</summary>
    public IReadOnlyList<string> ReportsPublished { get; init; } = [];

    /// <summary>Workflows published by this run (each as a new version; running instances keep theirs).</summary>
    public IReadOnlyList<string> WorkflowsPublished { get; init; } = [];

    /// <summary>Users the sample data created (partner staff, sales, directors) and the password they share, shown once.</summary>
    public int SampleUsers { get; init; }
    public string? SampleUserPassword { get; init; }

    /// <summary>The package's menus.json was written (new, or following the package).</summary>
    public bool MenuInstalled { get; init; }

    public bool IsUpgrade => PreviousVersion is not null && PreviousVersion != Version;
}
