using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Platform.Core.Database;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>Registers the shared <see cref="NpgsqlDataSource"/> and the migrator for a connection string.</summary>
    public static IServiceCollection AddPlatformDatabase(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(_ =>
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            builder.EnableDynamicJson();
            return builder.Build();
        });
        services.TryAddSingleton<PlatformMigrator>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Registers an engine's DbContext on the shared data source with its own migrations history table.</summary>
    public static IServiceCollection AddPlatformDbContext<TContext>(this IServiceCollection services, string schema, int order)
        where TContext : DbContext
    {
        services.AddDbContext<TContext>((sp, options) => options.UseNpgsql(
            sp.GetRequiredService<NpgsqlDataSource>(),
            npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", schema)));
        services.AddSingleton<IPlatformMigration>(new EfCoreMigration<TContext>(schema, order));
        return services;
    }
}
