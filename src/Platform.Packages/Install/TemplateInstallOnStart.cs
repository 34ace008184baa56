using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Packages.Format;

namespace Platform.Packages.Install;

/// <summary>
/// <c>Platform:Templates:InstallOnStart</c> (e.g. <c>channel-crm</c>, a folder or a .zip; comma-separated for several)
/// installs packages when the host starts, after migrations; <c>Platform:Templates:SampleData=true</c> adds sample
/// data on the first install. Installing is idempotent, so leaving the setting on is harmless.
/// </summary>
internal sealed class TemplateInstallOnStart(IServiceProvider services, IConfiguration configuration, ILogger<TemplateInstallOnStart> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var section = configuration.GetSection("Platform:Templates");
        var names = section["InstallOnStart"];
        if (string.IsNullOrWhiteSpace(names)) return;
        var withSample = bool.TryParse(section["SampleData"], out var s) && s;
        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var path = TemplateLocator.Find(name);
            await using var scope = services.CreateAsyncScope();
            try
            {
                var result = await scope.ServiceProvider.GetRequiredService<PackageInstaller>()
                    .InstallAsync(PackageReader.Read(path), new InstallOptions(withSample), cancellationToken);
                log.LogInformation("Package {App} {Version}: {Created} forms created, {Updated} updated, {Unchanged} unchanged, {Changes} customer changes kept, {Sample} sample records",
                    result.AppKey, result.Version, result.FormsCreated.Count, result.FormsUpdated.Count, result.FormsUnchanged.Count, result.CustomerChanges.Count, result.SampleRecords);
                if (result.SampleUserPassword is { } password)
                    log.LogWarning("{Users} sample users (e.g. admin@vendor.example.com) share the password {Password}; it is shown only now / 示例用户共用此密码，仅显示一次",
                        result.SampleUsers, password);
            }
            catch (PackageValidationException e)
            {
                log.LogError("Package {Path} was not installed:\n{Errors}", path, string.Join("\n", e.Errors));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Finds a package by path, or by template name under a <c>templates</c> folder above the working or program directory.</summary>
public static class TemplateLocator
{
    public static string Find(string nameOrPath)
    {
        if (Directory.Exists(nameOrPath) || File.Exists(nameOrPath)) return Path.GetFullPath(nameOrPath);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "templates", nameOrPath);
                if (Directory.Exists(candidate)) return candidate;
            }
        return nameOrPath; // the reader reports "no such folder or .zip file"
    }
}
