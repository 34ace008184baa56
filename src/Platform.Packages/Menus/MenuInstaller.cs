using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Packages.Format;
using Platform.Packages.Install;
using Platform.Reports.Definitions;

namespace Platform.Packages.Menus;

/// <summary>
/// Checks a package's <c>menus.json</c> against what the app will have (the package's and the app's forms, reports,
/// dashboards; roles.json and the platform's roles) and installs it with the upgrade rule every definition follows.
/// </summary>
internal sealed class MenuInstaller(AppMenus menus, IFormDefinitions forms, IReportDefinitions reports, IServiceProvider services)
{
    private const string HashKey = "menus";

    public async Task<AppMenu?> CheckAsync(AppPackage package, IReadOnlyList<PlannedForm> planned, IReadOnlyList<PackageRole> roles,
        List<PackageError> errors, CancellationToken ct)
    {
        if (package.Menus is null) return null;
        var app = package.Manifest.Id;
        var formFields = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var summary in await forms.ListFormsAsync(app, ct))
            if (await forms.GetPublishedAsync(app, summary.Key, ct) is { } published)
                formFields[summary.Key] = published.Fields.Select(f => f.Key).ToHashSet();
        foreach (var form in planned) formFields[form.Definition.Key] = form.Definition.Fields.Select(f => f.Key).ToHashSet();
        var existing = await reports.ListAsync(app, ct);
        var reportKeys = existing.Where(r => r.Kind != "dashboard").Select(r => r.Key)
            .Concat(package.Reports.Select(r => r.Content["key"]?.GetValue<string>() ?? "")).ToHashSet(StringComparer.Ordinal);
        var dashboardKeys = existing.Where(r => r.Kind == "dashboard").Select(r => r.Key)
            .Concat(package.Dashboards.Select(r => r.Content["key"]?.GetValue<string>() ?? "")).ToHashSet(StringComparer.Ordinal);
        await using var scope = services.CreateAsyncScope();
        var roleKeys = (await scope.ServiceProvider.GetRequiredService<IOrganizationAdmin>().ListRolesAsync(ct)).Select(r => r.Name)
            .Concat(roles.Select(r => r.Key)).ToHashSet(StringComparer.Ordinal);
        return MenuReader.Read(package.Menus, new MenuTargets(formFields, reportKeys, dashboardKeys, roleKeys), errors);
    }

    /// <summary>True when the package's menu was written (new, or following the package); a menu changed since is kept and reported.</summary>
    public async Task<bool> InstallAsync(string app, AppMenu? menu, Dictionary<string, string> hashes, List<CustomerChange> changes,
        DateTimeOffset now, CancellationToken ct)
    {
        if (menu is null) return false;
        var current = await menus.GetAsync(app, ct);
        var hash = InstallDecision.Hash(MenuReader.Serialize(menu));
        var currentHash = current is null ? null : InstallDecision.Hash(MenuReader.Serialize(current));
        if (!InstallDecision.Decide(MenuReader.File, HashKey, HashKey, hash, currentHash, hashes, changes)) return false;
        await menus.SaveAsync(app, menu, now, ct);
        return true;
    }
}
