using Platform.Core.Database;
using Platform.Packages.Export;
using Platform.Packages.Format;
using Platform.Packages.Install;

namespace Platform.Studio.Commands;

/// <summary>Installs or upgrades an app package (folder, .zip or template name such as channel-crm) and exits.</summary>
internal sealed class InstallTemplateCommand : IStudioCommand
{
    public string Name => "install-template";
    public string Description => "install or upgrade an app package (folder, .zip or template name), then exit";
    public string Usage => "<channel-crm|folder|file.zip> [sample-data] [scale=0.1]";

    public async Task<int> ExecuteAsync(StudioCommandContext context)
    {
        var args = context.Arguments;
        // options are positional words: the command line gives every --option to the host's configuration
        var source = args.FirstOrDefault(a => a != "sample-data" && !a.StartsWith("scale=", StringComparison.Ordinal));
        if (source is null) { context.Output.WriteLine($"usage: install-template {Usage}"); return 2; }
        double? scale = args.FirstOrDefault(a => a.StartsWith("scale=", StringComparison.Ordinal)) is { } sc
            && double.TryParse(sc[6..], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : null;
        var withSample = args.Contains("sample-data") || context.App.Configuration.GetValue<bool>("Platform:Templates:SampleData");

        await context.App.Services.GetRequiredService<PlatformMigrator>().MigrateAsync(context.Cancellation);
        await using var scope = context.App.Services.CreateAsyncScope();
        try
        {
            var package = PackageReader.Read(TemplateLocator.Find(source));
            var result = await scope.ServiceProvider.GetRequiredService<PackageInstaller>()
                .InstallAsync(package, new InstallOptions(withSample, scale), context.Cancellation);
            var o = context.Output;
            o.WriteLine($"{result.AppKey} {result.PreviousVersion ?? "(new)"} -> {result.Version} / 已安装");
            o.WriteLine($"  forms created {result.FormsCreated.Count}, updated {result.FormsUpdated.Count}, unchanged {result.FormsUnchanged.Count}; reports/dashboards published {result.ReportsPublished.Count}; roles created {result.RolesCreated.Count}; sample records {result.SampleRecords}");
            if (result.SampleUserPassword is { } password)
                o.WriteLine($"  sample users {result.SampleUsers} (e.g. admin@vendor.example.com), password shown once / 示例用户密码（仅显示一次）: {password}");
            foreach (var change in result.CustomerChanges)
                o.WriteLine($"  kept customer change / 保留客户修改: {change.File}: {change.Message}");
            return 0;
        }
        catch (PackageValidationException e)
        {
            context.Output.WriteLine("The package was not installed / 安装包未安装:");
            foreach (var error in e.Errors) context.Output.WriteLine($"  {error}");
            return 1;
        }
    }
}

/// <summary>Writes an installed app back out as a package folder or .zip.</summary>
internal sealed class ExportAppCommand : IStudioCommand
{
    public string Name => "export-app";
    public string Description => "export an app as a package folder or .zip, then exit";
    public string Usage => "<app-key> <folder|file.zip> [version=1.2.0]";

    public async Task<int> ExecuteAsync(StudioCommandContext context)
    {
        var args = context.Arguments;
        if (args.Count < 2) { context.Output.WriteLine($"usage: export-app {Usage}"); return 2; }
        var version = args.FirstOrDefault(a => a.StartsWith("version=", StringComparison.Ordinal))?[8..];
        await using var scope = context.App.Services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<PackageExporter>().WriteAsync(args[0], args[1], version, context.Cancellation);
            context.Output.WriteLine($"Exported {args[0]} to {args[1]} / 已导出");
            return 0;
        }
        catch (PackageValidationException e)
        {
            foreach (var error in e.Errors) context.Output.WriteLine($"  {error}");
            return 1;
        }
    }
}
