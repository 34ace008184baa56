using Platform.Core.Organization;

namespace Platform.Reports.Definitions;

/// <summary>Report and dashboard definitions: drafts checked against the forms they read, published versions kept forever.</summary>
public interface IReportDefinitions
{
    /// <summary>Checks (against the form definitions too) and stores the draft; throws <see cref="ReportException"/> listing every problem.</summary>
    Task<ReportDefinition> SaveReportDraftAsync(ReportDefinition draft, UserContext user, CancellationToken ct);
    Task<ReportDefinition?> GetReportDraftAsync(string app, string key, CancellationToken ct);
    Task<ReportDefinition> PublishReportAsync(string app, string key, UserContext user, CancellationToken ct);
    /// <summary>The published version (the latest when <paramref name="version"/> is null).</summary>
    Task<ReportDefinition?> GetReportAsync(string app, string key, int? version, CancellationToken ct);

    Task<DashboardDefinition> SaveDashboardDraftAsync(DashboardDefinition draft, UserContext user, CancellationToken ct);
    Task<DashboardDefinition?> GetDashboardDraftAsync(string app, string key, CancellationToken ct);
    Task<DashboardDefinition> PublishDashboardAsync(string app, string key, UserContext user, CancellationToken ct);
    Task<DashboardDefinition?> GetDashboardAsync(string app, string key, int? version, CancellationToken ct);

    Task<IReadOnlyList<DefinitionSummary>> ListAsync(string app, CancellationToken ct);
    Task<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(string kind, string app, string key, CancellationToken ct);
    Task<bool> DeleteAsync(string kind, string app, string key, CancellationToken ct);
}

public sealed record DefinitionSummary(string Kind, string App, string Key, string NameEn, string NameZh, int? PublishedVersion, DateTimeOffset UpdatedAt);

public sealed record DefinitionVersionInfo(int Version, DateTimeOffset PublishedAt, Guid PublishedBy);
