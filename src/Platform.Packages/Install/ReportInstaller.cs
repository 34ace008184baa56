using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Packages.Format;
using Platform.Reports.Definitions;

namespace Platform.Packages.Install;

/// <summary>
/// Installs a package's reports, then its dashboards, with the same rules as forms: new ones are published, ones
/// unchanged since the last install follow the package, ones the customer changed are kept and reported.
/// Reports are checked against the forms by the report engine, so this runs after the forms are published.
/// </summary>
internal sealed class ReportInstaller(IReportDefinitions reports, ReportDefinitionParser parser)
{
    /// <summary>Syntax checks before anything is written (field checks need the published forms).</summary>
    public void Check(AppPackage package, List<PackageError> errors)
    {
        foreach (var file in package.Reports)
            try { parser.ParseReport(WithApp(file.Content, package.Manifest.Id)); }
            catch (ReportException e) { errors.AddRange(e.Errors.Select(x => new PackageError(file.Path, x.ToString()))); }
        foreach (var file in package.Dashboards)
            try { parser.ParseDashboard(WithApp(file.Content, package.Manifest.Id)); }
            catch (ReportException e) { errors.AddRange(e.Errors.Select(x => new PackageError(file.Path, x.ToString()))); }
    }

    public async Task<List<string>> InstallAsync(AppPackage package, Dictionary<string, string> hashes, List<CustomerChange> changes, CancellationToken ct)
    {
        var app = package.Manifest.Id;
        var published = new List<string>();
        var errors = new List<PackageError>();
        foreach (var file in package.Reports)
        {
            var report = parser.ParseReport(WithApp(file.Content, app));
            var current = await reports.GetReportAsync(app, report.Key, null, ct);
            var hash = InstallDecision.Hash(parser.Serialize(report with { Version = 0 }));
            if (InstallDecision.Decide(file.Path, "reports/" + report.Key, report.Key, hash, current is null ? null : InstallDecision.Hash(parser.Serialize(current with { Version = 0 })), hashes, changes))
                try
                {
                    await reports.SaveReportDraftAsync(report, UserContext.System, ct);
                    await reports.PublishReportAsync(app, report.Key, UserContext.System, ct);
                    published.Add(report.Key);
                }
                catch (ReportException e) { errors.AddRange(e.Errors.Select(x => new PackageError(file.Path, x.ToString()))); }
        }
        foreach (var file in package.Dashboards)
        {
            var dashboard = parser.ParseDashboard(WithApp(file.Content, app));
            var current = await reports.GetDashboardAsync(app, dashboard.Key, null, ct);
            var hash = InstallDecision.Hash(parser.Serialize(dashboard with { Version = 0 }));
            if (InstallDecision.Decide(file.Path, "dashboards/" + dashboard.Key, dashboard.Key, hash, current is null ? null : InstallDecision.Hash(parser.Serialize(current with { Version = 0 })), hashes, changes))
                try
                {
                    await reports.SaveDashboardDraftAsync(dashboard, UserContext.System, ct);
                    await reports.PublishDashboardAsync(app, dashboard.Key, UserContext.System, ct);
                    published.Add(dashboard.Key);
                }
                catch (ReportException e) { errors.AddRange(e.Errors.Select(x => new PackageError(file.Path, x.ToString()))); }
        }
        if (errors.Count > 0) throw new PackageValidationException(errors);
        return published;
    }

    private static string WithApp(JsonNode content, string app)
    {
        var node = content.DeepClone();
        node["app"] = app;
        return node.ToJsonString();
    }

}
