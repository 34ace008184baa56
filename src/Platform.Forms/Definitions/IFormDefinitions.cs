using Platform.Core.Organization;
using Platform.Forms.Apps;

namespace Platform.Forms.Definitions;

/// <summary>Apps and form definitions: drafts, publishing, and published versions.</summary>
public interface IFormDefinitions
{
    Task<AppInfo> SaveAppAsync(AppInfo app, CancellationToken ct);
    Task<IReadOnlyList<AppInfo>> ListAppsAsync(CancellationToken ct);
    Task<AppInfo?> GetAppAsync(string app, CancellationToken ct);

    Task<IReadOnlyList<FormSummary>> ListFormsAsync(string app, CancellationToken ct);

    /// <summary>Checks and stores the draft; throws <see cref="DefinitionException"/> listing every problem.</summary>
    Task<FormDefinition> SaveDraftAsync(FormDefinition draft, UserContext user, CancellationToken ct);
    Task<FormDefinition?> GetDraftAsync(string app, string form, CancellationToken ct);

    /// <summary>
    /// Publishes the draft as a new version. Field keys and types are immutable once published; removed fields
    /// move to <see cref="FormDefinition.Retired"/> so their stored values stay readable. Indexes follow.
    /// </summary>
    Task<FormDefinition> PublishAsync(string app, string form, UserContext user, CancellationToken ct);

    /// <summary>The current published version, or null when the form is unknown or unpublished.</summary>
    Task<FormDefinition?> GetPublishedAsync(string app, string form, CancellationToken ct);
    Task<FormDefinition?> GetVersionAsync(string app, string form, int version, CancellationToken ct);
    Task<IReadOnlyList<FormVersionInfo>> ListVersionsAsync(string app, string form, CancellationToken ct);
}
