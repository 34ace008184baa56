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

        SweepOrphanedClusters();
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

    /// <summary>
    /// A test process killed before its exit handler ran leaves its cluster running; stop and remove those whose
    /// owning test process is gone, so repeated runs on a developer machine do not pile up servers.
    /// </summary>
    private static void SweepOrphanedClusters()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), "platform-tests-*"))
        {
            var parts = Path.GetFileName(folder).Split('-');
            if (parts.Length < 3 || !int.TryParse(parts[2], out var owner) || IsRunning(owner, null)) continue;
            try
            {
                var pidFile = Path.Combine(folder, "pgdata", "postmaster.pid");
                if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), out var postmaster) && IsRunning(postmaster, "postgres"))
                    System.Diagnostics.Process.GetProcessById(postmaster).Kill();
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                Console.Error.WriteLine($"Test PostgreSQL sweep of {folder}: {e.Message}");
            }
        }
    }

    private static bool IsRunning(int pid, string? name)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited && (name is null || process.ProcessName == name);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
