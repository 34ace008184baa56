using Platform.Core.Organization;
using Platform.Packages.Uninstall;
using Platform.Studio.Localization;

namespace Platform.Studio.Admin;

/// <summary>
/// Uninstalls apps for administrators: the plan behind the warning, then the uninstall itself (audited), which first
/// writes a package backup into <c>Platform:Packages:BackupFolder</c> (default <c>backups</c>).
/// </summary>
public sealed class AppUninstallation(AdminScope admin, IConfiguration configuration)
{
    public string BackupFolder => Path.GetFullPath(configuration["Platform:Packages:BackupFolder"] is { Length: > 0 } folder ? folder : "backups");

    public Task<UninstallPlan> PlanAsync(UserContext actor, string app, CancellationToken ct) =>
        admin.ReadAsync(actor, sp => sp.GetRequiredService<PackageUninstaller>().PlanAsync(app, ct));

    public Task<UninstallResult> UninstallAsync(UserContext actor, string app, string confirmation, CancellationToken ct) =>
        admin.RunAsync(actor, sp => sp.GetRequiredService<PackageUninstaller>().UninstallAsync(app, confirmation, BackupFolder, actor, ct),
            r => AdminScope.Event(actor, "app.uninstalled", app,
                $"records kept (hidden) {r.RecordsKept}; forms retired {r.FormsRetired.Count}; workflows retired {r.WorkflowsRetired.Count}; " +
                $"instances cancelled {r.InstancesCancelled}; reports/dashboards removed {r.ReportsRemoved.Count}; backup {r.Backup}"), ct);
}

/// <summary>Strings of the uninstall panel and the install report's menu line: key → (中文, English).</summary>
internal sealed class UninstallTexts : IStudioTextSource
{
    public IReadOnlyDictionary<string, (string Zh, string En)> Texts { get; } = new Dictionary<string, (string, string)>
    {
        ["apps.uninstall"] = ("卸载", "Uninstall"),
        ["apps.report.menu"] = ("已安装应用菜单", "App menu installed"),
        ["apps.uninstall.title"] = ("卸载应用 {0}", "Uninstall app {0}"),
        ["apps.uninstall.warning"] = ("卸载后该应用将从所有列表和接口中消失。{0} 条记录将被停用并隐藏（保留在数据库中，重新安装同一安装包后恢复）；{1} 个流程将停用，{2} 个运行中的流程实例将被取消；{3} 个报表与仪表盘以及应用菜单将被删除。卸载前会先把应用定义导出备份到 {4}。",
            "The app will disappear from every list and the API. {0} records will be retired and hidden (kept in the database, back when the same package is installed again); {1} workflows will be retired and {2} running instances cancelled; {3} reports and dashboards and the app menu will be deleted. The app's definitions are first exported as a backup into {4}."),
        ["apps.uninstall.byform"] = ("各表单记录数", "Records per form"),
        ["apps.uninstall.type"] = ("请输入应用标识 {0} 以确认", "Type the app key {0} to confirm"),
        ["apps.uninstall.confirm"] = ("确认卸载", "Uninstall now"),
        ["apps.uninstall.cancel"] = ("取消", "Cancel"),
        ["apps.uninstall.done"] = ("已卸载 {0}：{1} 条记录已隐藏保留，{2} 个流程实例已取消，备份：{3}", "Uninstalled {0}: {1} records kept hidden, {2} workflow instances cancelled, backup: {3}"),
    };
}
