using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Core.Database;

namespace Platform.Packages.Install;

/// <summary>The package installer's tables: which package version each app came from with the hashes of what it installed, and the apps' menus.</summary>
internal sealed class PackagesMigration : IPlatformMigration
{
    public string Name => "packages";
    public int Order => 400;

    public async Task ApplyAsync(IServiceProvider services, CancellationToken ct)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        await using var command = dataSource.CreateCommand("""
            create schema if not exists packages;
            create table if not exists packages.installed_packages (
              app_key      text primary key,
              package_id   text not null,
              version      text not null,
              installed_at timestamptz not null,
              updated_at   timestamptz not null,
              hashes       jsonb not null
            );
            create table if not exists packages.app_menus (
              app_key    text primary key,
              menu       jsonb not null,
              updated_at timestamptz not null
            );
            """);
        await command.ExecuteNonQueryAsync(ct);
    }
}
