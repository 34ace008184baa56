using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Core.Identity;
using Platform.Forms;
using Platform.Reports;
using Platform.Workflow;
using Platform.Packages.Format;
using Platform.Packages.Install;
using Platform.Testing;

namespace Platform.Packages.Tests.Support;

/// <summary>A migrated database with identity, the forms engine and the package installer.</summary>
public class PackagesFixture : DatabaseFixture
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 5, 12, 2, 0, 0, TimeSpan.Zero));

    protected override string TemplateName => "tpl_packages3";

    /// <summary>True for scenario tests that run the workflow worker, whose polling waits on the clock.</summary>
    protected virtual bool RealClock => false;

    protected override void ConfigureServices(IServiceCollection services)
    {
        if (RealClock) services.AddSingleton(TimeProvider.System);
        else services.AddSingleton<TimeProvider>(Clock);
        services.AddPlatformIdentity();
        services.AddForms();
        services.AddReports();
        services.AddWorkflow();
        services.AddAppPackages();
    }

    public async Task<InstallResult> InstallAsync(AppPackage package, InstallOptions? options = null)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PackageInstaller>().InstallAsync(package, options ?? new(), CancellationToken.None);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Runs <paramref name="work"/> with scoped services (the workflow definitions service is scoped).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}

/// <summary>Package services on the real clock, with the workflow worker registered (tests start and stop it).</summary>
public sealed class ScenarioPackagesFixture : PackagesFixture
{
    protected override bool RealClock => true;

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        // Hosted services as the Studio has them; empty configuration leaves install-on-start off.
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddWorkflowWorker();
    }
}

/// <summary>A second, independent database (round trips install into it).</summary>
public sealed class OtherPackagesFixture : PackagesFixture;

public static class Templates
{
    public static string Folder(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "templates", name))) return Path.Combine(dir.FullName, "templates", name);
        throw new DirectoryNotFoundException($"templates/{name} not found above {AppContext.BaseDirectory}");
    }

    public static AppPackage ChannelCrm() => PackageReader.Read(Folder("channel-crm"));

    /// <summary>The channel CRM's files, for tests that change some before reading.</summary>
    public static Dictionary<string, string> ChannelCrmFiles()
    {
        var root = Folder("channel-crm");
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText);
    }
}
