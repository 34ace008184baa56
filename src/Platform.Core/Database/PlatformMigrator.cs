using Microsoft.Extensions.Logging;

namespace Platform.Core.Database;

/// <summary>Applies every registered engine's migrations in order.</summary>
public sealed class PlatformMigrator(IEnumerable<IPlatformMigration> migrations, IServiceProvider services, ILogger<PlatformMigrator> logger)
{
    public IReadOnlyList<string> Names => migrations.OrderBy(m => m.Order).Select(m => m.Name).ToList();

    public async Task MigrateAsync(CancellationToken ct = default)
    {
        foreach (var migration in migrations.OrderBy(m => m.Order))
        {
            logger.LogInformation("Applying migrations of {Migration}", migration.Name);
            await migration.ApplyAsync(services, ct);
        }
    }
}
