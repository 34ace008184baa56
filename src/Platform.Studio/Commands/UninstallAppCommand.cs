using Platform.Core.Database;
using Platform.Core.Organization;
using Platform.Packages.Format;
using Platform.Packages.Uninstall;

namespace Platform.Studio.Commands;

/// <summary>
/// Uninstalls an app. Without <c>confirm=&lt;app-key&gt;</c> it only prints what would happen (records hidden, flows
/// retired, instances cancelled) and exits with 2; with it, a package backup is written first.
/// </summary>
internal sealed class UninstallAppCommand : IStudioCommand
{
    public string Name => "uninstall-app";
    public string Description => "uninstall an app (prints the warning; confirm=<app-key> to do it), then exit";
    public string Usage => "<app-key> [confirm=<app-key>] [backup=<folder>]";

    public async Task<int> ExecuteAsync(StudioCommandContext context)
    {
        var args = context.Arguments;
        var app = args.FirstOrDefault(a => !a.Contains('='));
        if (app is null) { context.Output.WriteLine($"usage: uninstall-app {Usage}"); return 2; }
        var confirm = args.FirstOrDefault(a => a.StartsWith("confirm=", StringComparison.Ordinal))?[8..];
        var backup = args.FirstOrDefault(a => a.StartsWith("backup=", StringComparison.Ordinal))?[7..]
            ?? context.App.Configuration["Platform:Packages:BackupFolder"] ?? "backups";
        await context.App.Services.GetRequiredService<PlatformMigrator>().MigrateAsync(context.Cancellation);
        await using var scope = context.App.Services.CreateAsyncScope();
        var uninstaller = scope.ServiceProvider.GetRequiredService<PackageUninstaller>();
        var o = context.Output;
        try
        {
            var plan = await uninstaller.PlanAsync(app, context.Cancellation);
            o.WriteLine($"Uninstalling {app} {plan.PackageVersion} / 卸载应用 {app}:");
            o.WriteLine($"  {plan.Records} records retired and hidden, kept in the database, back on reinstall / {plan.Records} 条记录停用隐藏，重新安装后恢复");
            foreach (var (form, count) in plan.RecordsByForm) o.WriteLine($"    {form}: {count}");
            o.WriteLine($"  {plan.Workflows.Count} workflows retired, {plan.RunningInstances} running instances cancelled / 流程停用，运行中实例取消");
            o.WriteLine($"  {plan.Reports.Count + plan.Dashboards.Count} reports and dashboards{(plan.HasMenu ? " and the menu" : "")} deleted; a backup goes to {Path.GetFullPath(backup)}");
            if (confirm != app)
            {
                o.WriteLine($"Nothing was changed. Run again with confirm={app} to uninstall / 未做任何修改，加 confirm={app} 确认卸载");
                return 2;
            }
            var result = await uninstaller.UninstallAsync(app, confirm, backup, UserContext.System, context.Cancellation);
            o.WriteLine($"Uninstalled {app} / 已卸载: {result.FormsRetired.Count} forms retired, {result.InstancesCancelled} instances cancelled, backup {result.Backup}");
            return 0;
        }
        catch (PackageValidationException e)
        {
            foreach (var error in e.Errors) o.WriteLine($"  {error}");
            return 1;
        }
    }
}
