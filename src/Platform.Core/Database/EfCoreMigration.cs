using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Core.Database;

/// <summary>Applies the EF Core migrations of one DbContext.</summary>
public sealed class EfCoreMigration<TContext>(string name, int order) : IPlatformMigration
    where TContext : DbContext
{
    public string Name => name;
    public int Order => order;

    public async Task ApplyAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.Database.MigrateAsync(ct);
    }
}
