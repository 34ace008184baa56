using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Core.Database;
using Platform.Packages.Export;
using Platform.Packages.Install;

namespace Platform.Packages;

public static class PackagesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the package installer and exporter and the <c>packages</c> schema (migration order 400).
    /// The host registers identity and the engines (AddPlatformIdentity, AddForms …) itself.
    /// </summary>
    public static IServiceCollection AddAppPackages(this IServiceCollection services)
    {
        services.AddSingleton<IPlatformMigration, PackagesMigration>();
        services.TryAddSingleton<InstalledPackages>();
        services.TryAddSingleton<FormPlanner>();
        services.TryAddSingleton<SampleData.SampleDataGenerator>();
        services.TryAddScoped<ReportInstaller>();
        services.TryAddScoped<WorkflowInstaller>();
        services.TryAddSingleton<Menus.AppMenus>();
        services.TryAddScoped<Menus.MenuInstaller>();
        services.TryAddScoped<PackageInstaller>();
        services.TryAddScoped<PackageExporter>();
        services.TryAddScoped<Uninstall.PackageUninstaller>();
        services.AddHostedService<TemplateInstallOnStart>();
        return services;
    }
}
