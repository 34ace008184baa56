using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Packages.Export;
using Platform.Packages.Format;
using Platform.Packages.Install;
using Platform.Packages.Menus;
using Platform.Reports.Definitions;
using Platform.Workflow.Definitions;
using Platform.Workflow.Runtime;

namespace Platform.Packages.Uninstall;

/// <summary>
/// Uninstalls an app without losing anything silently: the app's definitions are first exported as a package (the
/// backup, customer changes included); then its forms are retired (records stay stored, hidden, and come back when
/// the package is installed again), its workflows retired with every running instance cancelled and the reason
/// recorded, and its reports, dashboards and menu removed. The admin confirms by typing the app key.
/// </summary>
public sealed class PackageUninstaller(
    IFormDefinitions definitions,
    IFormRetirement retirement,
    IReportDefinitions reports,
    IWorkflowRetirement workflows,
    InstalledPackages installed,
    AppMenus menus,
    IServiceProvider services,
    TimeProvider time)
{
    private const string Report = "report";
    private const string Dashboard = "dashboard";

    public async Task<UninstallPlan> PlanAsync(string app, CancellationToken ct)
    {
        if (await definitions.GetAppAsync(app, ct) is null)
            throw new PackageValidationException([new PackageError(app, $"there is no app '{app}' / 没有应用“{app}”")]);
        var package = await installed.GetAsync(app, ct);
        var forms = (await definitions.ListFormsAsync(app, ct)).Where(f => f.PublishedVersion is not null).Select(f => f.Key).ToList();
        var flows = await WorkflowKeysAsync(app, package, ct);
        var summaries = await reports.ListAsync(app, ct);
        return new UninstallPlan(app, package?.Version, await retirement.CountRecordsAsync(app, ct), forms, flows,
            await workflows.CountRunningAsync(flows, ct),
            summaries.Where(s => s.Kind != Dashboard).Select(s => s.Key).ToList(),
            summaries.Where(s => s.Kind == Dashboard).Select(s => s.Key).ToList(),
            await menus.GetAsync(app, ct) is not null);
    }

    /// <summary>
    /// Uninstalls <paramref name="app"/> when <paramref name="confirmation"/> equals its key; the backup zip goes into
    /// <paramref name="backupFolder"/> before anything changes.
    /// </summary>
    public async Task<UninstallResult> UninstallAsync(string app, string confirmation, string backupFolder, UserContext actor, CancellationToken ct)
    {
        if (!string.Equals(confirmation?.Trim(), app, StringComparison.Ordinal))
            throw new PackageValidationException([new PackageError(app,
                $"type the app key '{app}' to confirm the uninstall / 请输入应用标识“{app}”以确认卸载")]);
        var plan = await PlanAsync(app, ct);
        Directory.CreateDirectory(backupFolder);
        var backup = Path.GetFullPath(Path.Combine(backupFolder, $"{app}-{time.GetUtcNow():yyyyMMdd-HHmmss}.zip"));
        await services.GetRequiredService<PackageExporter>().WriteAsync(app, backup, null, ct);

        var flows = await workflows.RetireAsync(plan.Workflows,
            $"App '{app}' was uninstalled by {actor.DisplayName} / 应用“{app}”已被 {actor.DisplayName} 卸载", ct);
        var removed = new List<string>();
        foreach (var key in plan.Dashboards)
            if (await reports.DeleteAsync(Dashboard, app, key, ct)) removed.Add(key);
        foreach (var key in plan.Reports)
            if (await reports.DeleteAsync(Report, app, key, ct)) removed.Add(key);
        var menuRemoved = await menus.DeleteAsync(app, ct);
        var forms = await retirement.RetireAppAsync(app, actor, ct);
        await installed.DeleteAsync(app, ct);
        return new UninstallResult(app, forms, plan.Records, flows.Retired, flows.InstancesCancelled, removed, menuRemoved, backup);
    }

    private async Task<List<string>> WorkflowKeysAsync(string app, InstalledPackage? package, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var flows = await PackageExporter.WorkflowsOfAsync(scope.ServiceProvider.GetRequiredService<IWorkflowDefinitions>(), app, package, ct);
        return flows.Select(f => f.Key).ToList();
    }
}
