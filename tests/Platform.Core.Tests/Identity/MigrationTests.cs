using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Core.Database;

namespace Platform.Core.Tests.Identity;

public sealed class MigrationTests(IdentityFixture db) : IClassFixture<IdentityFixture>
{
    [Fact]
    public async Task Migrating_again_changes_nothing()
    {
        var before = await SchemaSnapshotAsync();

        await db.Services.GetRequiredService<PlatformMigrator>().MigrateAsync();
        await db.Services.GetRequiredService<PlatformMigrator>().MigrateAsync();

        Assert.Equal(before, await SchemaSnapshotAsync());
        Assert.Contains("identity.users.display_name:character varying", before);
        Assert.Contains("identity.api_tokens.secret_hash:bytea", before);
    }

    [Fact]
    public async Task Identity_migrations_are_recorded_in_the_schema_history_table()
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        var applied = (await conn.QueryAsync<string>("SELECT \"MigrationId\" FROM identity.__ef_migrations")).ToList();
        Assert.Contains(applied, m => m.EndsWith("_InitialIdentity", StringComparison.Ordinal));
        Assert.Equal(0, db.Services.GetRequiredService<PlatformMigrator>().Names.ToList().IndexOf("identity"));
    }

    private async Task<string> SchemaSnapshotAsync()
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        var columns = await conn.QueryAsync<string>("""
            SELECT table_schema || '.' || table_name || '.' || column_name || ':' || data_type
            FROM information_schema.columns WHERE table_schema = 'identity' ORDER BY 1
            """);
        var history = await conn.QueryAsync<string>("SELECT \"MigrationId\" FROM identity.__ef_migrations ORDER BY 1");
        var indexes = await conn.QueryAsync<string>("SELECT indexname FROM pg_indexes WHERE schemaname = 'identity' ORDER BY 1");
        return string.Join('\n', columns.Concat(history).Concat(indexes));
    }
}
