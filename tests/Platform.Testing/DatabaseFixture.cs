using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Core.Database;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// A fresh database for one test class, cloned from a template migrated once per run.
/// Derive one per test project and register the engines under test in <see cref="ConfigureServices"/>.
/// </summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    private ServiceProvider? _services;

    public string DatabaseName { get; private set; } = "";
    public string ConnectionString { get; private set; } = "";

    /// <summary>Services of the engines under test, on this class's database.</summary>
    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Fixture not initialised.");

    /// <summary>Registers the engines under test (AddForms(), AddWorkflow() …) on top of the database services.</summary>
    protected abstract void ConfigureServices(IServiceCollection services);

    /// <summary>Template name; one per distinct set of registrations.</summary>
    protected virtual string TemplateName => $"tpl_{GetType().Name.ToLowerInvariant()}";

    public ServiceProvider BuildServices(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddPlatformDatabase(connectionString);
        ConfigureServices(services);
        return services.BuildServiceProvider();
    }

    public async Task InitializeAsync()
    {
        await TestPostgres.EnsureTemplateAsync(TemplateName, async cs =>
        {
            await using var sp = BuildServices(cs);
            await sp.GetRequiredService<PlatformMigrator>().MigrateAsync();
        });
        DatabaseName = await TestPostgres.CloneAsync(TemplateName);
        ConnectionString = await TestPostgres.ConnectionStringForAsync(DatabaseName);
        _services = BuildServices(ConnectionString);
        await OnInitializedAsync();
    }

    /// <summary>Seeds shared data for the class after the database exists.</summary>
    protected virtual Task OnInitializedAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        if (DatabaseName.Length > 0) await TestPostgres.DropAsync(DatabaseName);
    }
}
