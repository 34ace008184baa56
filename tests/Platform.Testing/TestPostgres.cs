using Npgsql;
using Platform.Core.Database;

namespace Platform.Testing;

/// <summary>
/// One PostgreSQL server for the whole test run: the server named by PLATFORM_TEST_CONNECTION,
/// or a private embedded cluster in a temporary folder that is stopped and removed at exit.
/// </summary>
public static class TestPostgres
{
    public const string ConnectionVariable = "PLATFORM_TEST_CONNECTION";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, Task> Templates = new();
    private static Task<Server>? _server;

    private sealed record Server(NpgsqlConnectionStringBuilder Admin, EmbeddedPostgres? Embedded, string? Folder);

    /// <summary>Connection string of the server's maintenance database.</summary>
    public static async Task<string> AdminConnectionStringAsync()
    {
        var server = await GetServerAsync();
        return server.Admin.ConnectionString;
    }

    public static async Task<string> ConnectionStringForAsync(string database)
    {
        var server = await GetServerAsync();
        return new NpgsqlConnectionStringBuilder(server.Admin.ConnectionString) { Database = database }.ConnectionString;
    }

    /// <summary>Builds the named template database once per run, using <paramref name="build"/> on its connection string.</summary>
    public static async Task EnsureTemplateAsync(string template, Func<string, Task> build)
    {
        Task pending;
        await Gate.WaitAsync();
        try
        {
            if (!Templates.TryGetValue(template, out pending!))
            {
                pending = BuildTemplateAsync(template, build);
                Templates[template] = pending;
            }
        }
        finally { Gate.Release(); }
        await pending;
    }

    /// <summary>Creates a fresh database cloned from the template and returns its name.</summary>
    public static async Task<string> CloneAsync(string template)
    {
        var name = $"t_{Guid.NewGuid():N}";
        await ExecuteAdminAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return name;
    }

    public static async Task DropAsync(string database)
    {
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    private static async Task BuildTemplateAsync(string template, Func<string, Task> build)
    {
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{template}\" WITH (FORCE)");
        await ExecuteAdminAsync($"CREATE DATABASE \"{template}\"");
        await build(await ConnectionStringForAsync(template));
        // Cloning needs the template to have no open connections.
        NpgsqlConnection.ClearAllPools();
    }

    private static async Task ExecuteAdminAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(await AdminConnectionStringAsync());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static Task<Server> GetServerAsync()
    {
        lock (Gate)
        {
            return _server ??= StartServerAsync();
        }
    }

    private static async Task<Server> StartServerAsync()
    {
        var given = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(given))
            return new Server(new NpgsqlConnectionStringBuilder(given) { Database = "postgres" }, null, null);

        var folder = Path.Combine(Path.GetTempPath(), $"platform-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var embedded = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                embedded.StopAsync().GetAwaiter().GetResult();
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or EmbeddedPostgresException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"Test PostgreSQL cleanup: {e.Message}");
            }
        };
        return new Server(new NpgsqlConnectionStringBuilder(embedded.BuildConnectionString("postgres")), embedded, folder);
    }
}
