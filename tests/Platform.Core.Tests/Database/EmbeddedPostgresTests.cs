using Npgsql;
using Platform.Core.Database;

namespace Platform.Core.Tests.Database;

public sealed class EmbeddedPostgresTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"pg-lifecycle-{Guid.NewGuid():N}");

    [Fact]
    public async Task First_start_initialises_a_cluster_that_accepts_connections()
    {
        await using var pg = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = _folder });

        Assert.True(File.Exists(Path.Combine(pg.ClusterDirectory, "PG_VERSION")));
        Assert.Equal(15, await ServerMajorVersionAtLeast(pg.ConnectionString, 15));
        Assert.Contains("127.0.0.1", pg.ConnectionString);
    }

    [Fact]
    public async Task Restart_reuses_the_data_written_before()
    {
        var options = new EmbeddedPostgresOptions { DataDirectory = _folder };
        await using (var first = await EmbeddedPostgres.StartAsync(options))
        {
            await ExecuteAsync(first.ConnectionString, "CREATE TABLE kept(v text); INSERT INTO kept VALUES ('still here')");
            await first.StopAsync();
            Assert.False(first.IsRunning);
        }

        await using var second = await EmbeddedPostgres.StartAsync(options);
        await using var conn = new NpgsqlConnection(second.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT v FROM kept", conn);
        Assert.Equal("still here", await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Stop_shuts_the_server_down_so_connections_fail()
    {
        var pg = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = _folder });
        var cs = pg.ConnectionString;
        await pg.StopAsync();
        NpgsqlConnection.ClearAllPools();

        await using var conn = new NpgsqlConnection(cs);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => conn.OpenAsync());
        Assert.False(File.Exists(Path.Combine(pg.ClusterDirectory, "postmaster.pid")));
    }

    [Fact]
    public async Task A_second_start_on_a_running_cluster_adopts_it_without_stopping_it()
    {
        await using var owner = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = _folder });
        var guest = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = _folder });

        Assert.Equal(owner.Port, guest.Port);
        await guest.StopAsync();
        await ExecuteAsync(owner.ConnectionString, "SELECT 1");
    }

    [Fact]
    public void Missing_binaries_name_what_to_install()
    {
        var error = Assert.Throws<EmbeddedPostgresException>(() => PostgresBinaries.Locate("/nonexistent/bin"));
        Assert.Contains("apt-get install", error.Message);
    }

    private static async Task<int> ServerMajorVersionAtLeast(string cs, int minimum)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        Assert.True(conn.PostgreSqlVersion.Major >= minimum);
        return minimum;
    }

    private static async Task ExecuteAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
