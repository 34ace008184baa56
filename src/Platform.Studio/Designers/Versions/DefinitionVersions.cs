using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Reports.Definitions;
using Platform.Studio.Designers.Forms;

namespace Platform.Studio.Designers.Versions;

/// <summary>A published version with the name of whoever published it.</summary>
public sealed record VersionEntry(int Version, DateTimeOffset PublishedAt, Guid PublishedBy, string PublishedByName);

/// <summary>
/// Published versions of reports and dashboards for the designers: the list with who and when, a readable comparison
/// of any two (or of one with the draft in the editor), and a rollback that publishes an old version again as a new one.
/// </summary>
public sealed class DefinitionVersions(IReportDefinitions reports, IOrgDirectory directory, IServiceScopeFactory scopes)
{
    public const string Report = "report", Dashboard = "dashboard";

    public async Task<IReadOnlyList<VersionEntry>> ListAsync(string kind, string app, string key, CancellationToken ct)
    {
        var versions = await reports.ListVersionsAsync(Kind(kind), app, key, ct);
        var names = new Dictionary<Guid, string>();
        foreach (var by in versions.Select(v => v.PublishedBy).Distinct())
            names[by] = by == Guid.Empty ? "System" : (await directory.FindUserAsync(by, ct))?.DisplayName ?? by.ToString();
        return versions.OrderByDescending(v => v.Version).Select(v => new VersionEntry(v.Version, v.PublishedAt, v.PublishedBy, names[v.PublishedBy])).ToList();
    }

    /// <summary>The published definition of one version (a ReportDefinition or a DashboardDefinition).</summary>
    public async Task<object?> GetAsync(string kind, string app, string key, int version, CancellationToken ct) => Kind(kind) == Report
        ? await reports.GetReportAsync(app, key, version, ct)
        : await reports.GetDashboardAsync(app, key, version, ct);

    public static DefinitionComparison Compare(object before, object after) => (before, after) switch
    {
        (ReportDefinition a, ReportDefinition b) => DefinitionDiff.Compare(a, b),
        (DashboardDefinition a, DashboardDefinition b) => DefinitionDiff.Compare(a, b),
        _ => throw new ArgumentException("Only two reports or two dashboards can be compared."),
    };

    /// <summary>Copies <paramref name="version"/> into the draft and publishes it as a new version; the audit log records who did it.</summary>
    public async Task<DesignerOutcome> RollbackAsync(string kind, string app, string key, int version, UserContext user, CancellationToken ct)
    {
        kind = Kind(kind);
        int published;
        try
        {
            if (kind == Report)
            {
                if (await reports.GetReportAsync(app, key, version, ct) is not { } earlier) return Missing(version);
                await reports.SaveReportDraftAsync(earlier with { Version = 0 }, user, ct);
                published = (await reports.PublishReportAsync(app, key, user, ct)).Version;
            }
            else
            {
                if (await reports.GetDashboardAsync(app, key, version, ct) is not { } earlier) return Missing(version);
                await reports.SaveDashboardDraftAsync(earlier with { Version = 0 }, user, ct);
                published = (await reports.PublishDashboardAsync(app, key, user, ct)).Version;
            }
        }
        catch (ReportException e)
        {
            return new DesignerOutcome(e.Errors.Select(x => new DesignIssue(x.Path, $"{x.Path}: {x.En}", $"{x.Path}：{x.Zh}")).ToList());
        }
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IAuditLog>().WriteAsync(
            new AuditEvent(user.IsSystem ? null : user.UserId, user.DisplayName, $"{kind}.rolledback", $"{app}/{key}", $"v{version} → v{published}"), ct);
        return new DesignerOutcome([], published);
    }

    private static DesignerOutcome Missing(int version) =>
        new([new DesignIssue(null, $"Version {version} does not exist.", $"版本 {version} 不存在。")]);

    private static string Kind(string kind) => kind switch
    {
        Report or Dashboard => kind,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only reports and dashboards have versions here."),
    };
}
