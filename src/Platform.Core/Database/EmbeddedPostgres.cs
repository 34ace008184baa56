using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Platform.Core.Database;

/// <summary>
/// A private PostgreSQL cluster in a data folder: initialised on first start, reused afterwards,
/// listening on 127.0.0.1 only, password-protected, stopped on dispose.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private readonly EmbeddedPostgresOptions _options;
    private readonly PostgresBinaries _binaries;
    private readonly ILogger _logger;
    private bool _ownsServer;

    private EmbeddedPostgres(EmbeddedPostgresOptions options, PostgresBinaries binaries, ILogger logger)
    {
        _options = options;
        _binaries = binaries;
        _logger = logger;
    }

    public string DataDirectory => _options.DataDirectory;
    public string ClusterDirectory => Path.Combine(_options.DataDirectory, "pgdata");
    public string LogFile => Path.Combine(_options.DataDirectory, "postgres.log");
    private string PasswordFile => Path.Combine(_options.DataDirectory, "superuser.password");

    public int Port { get; private set; }
    public bool IsRunning { get; private set; }

    /// <summary>Connection string for the platform database.</summary>
    public string ConnectionString => BuildConnectionString(_options.Database);

    /// <summary>Initialises the cluster if needed, starts it (or adopts one already running) and ensures the database exists.</summary>
    public static async Task<EmbeddedPostgres> StartAsync(
        EmbeddedPostgresOptions options, ILogger? logger = null, CancellationToken ct = default)
    {
        var server = new EmbeddedPostgres(options, PostgresBinaries.Locate(options.BinDirectory), logger ?? NullLogger.Instance);
        await server.InitialiseIfNeededAsync(ct);
        await server.StartServerAsync(ct);
        await server.EnsureDatabaseAsync(options.Database, ct);
        return server;
    }

    public string BuildConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = _options.SuperUser,
        Password = File.ReadAllText(PasswordFile).Trim(),
        Database = database,
    }.ConnectionString;

    public async Task EnsureDatabaseAsync(string database, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(BuildConnectionString("postgres"));
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn);
        exists.Parameters.AddWithValue(database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            // Identifiers cannot be parameters; the name is quoted and comes from configuration, not users.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task InitialiseIfNeededAsync(CancellationToken ct)
    {
        if (File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION"))) return;

        _logger.LogInformation("Initialising embedded PostgreSQL cluster in {Directory}", ClusterDirectory);
        Directory.CreateDirectory(_options.DataDirectory);
        if (Directory.Exists(ClusterDirectory)) Directory.Delete(ClusterDirectory, recursive: true);
        Directory.CreateDirectory(ClusterDirectory);

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        await File.WriteAllTextAsync(PasswordFile, password, ct);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await PostgresProcess.HandOverAsync(_options.DataDirectory, ct);

        var (code, output) = await PostgresProcess.RunAsync(_binaries.InitDb,
        [
            "-D", ClusterDirectory, "-U", _options.SuperUser, "--pwfile", PasswordFile,
            "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions",
        ], ct);
        if (code != 0)
        {
            Directory.Delete(ClusterDirectory, recursive: true);
            throw new EmbeddedPostgresException($"initdb failed in '{ClusterDirectory}': {output}");
        }
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        var runningPort = await RunningPortAsync(ct);
        if (runningPort is { } port)
        {
            // Another process of ours (a second Studio, the migrate command) already runs this cluster.
            _logger.LogInformation("Reusing embedded PostgreSQL already running on port {Port}", port);
            Port = port;
            IsRunning = true;
            _ownsServer = false;
            return;
        }

        Port = _options.Port != 0 ? _options.Port : FreePort();
        var (code, output) = await PostgresProcess.RunAsync(_binaries.PgCtl,
        [
            "-D", ClusterDirectory, "-l", LogFile, "-w", "-t", "60",
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''",
            "start",
        ], ct);
        if (code != 0)
            throw new EmbeddedPostgresException($"PostgreSQL did not start (port {Port}): {output} {TailOfLog()}");
        _logger.LogInformation("Embedded PostgreSQL started on 127.0.0.1:{Port}", Port);
        IsRunning = true;
        _ownsServer = true;
    }

    /// <summary>Stops the cluster if this instance started it.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        if (!IsRunning || !_ownsServer) { IsRunning = false; return; }
        NpgsqlConnection.ClearAllPools();
        var (code, output) = await PostgresProcess.RunAsync(_binaries.PgCtl,
            ["-D", ClusterDirectory, "-m", "fast", "-w", "-t", "60", "stop"], ct);
        if (code != 0)
            throw new EmbeddedPostgresException($"PostgreSQL did not stop cleanly: {output}");
        IsRunning = false;
        _logger.LogInformation("Embedded PostgreSQL stopped");
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<int?> RunningPortAsync(CancellationToken ct)
    {
        var pidFile = Path.Combine(ClusterDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        var (code, _) = await PostgresProcess.RunAsync(_binaries.PgCtl, ["-D", ClusterDirectory, "status"], ct);
        if (code != 0) return null; // a stale pid file from a crash; pg_ctl start handles it
        // Line 4 of postmaster.pid is the port.
        var lines = await File.ReadAllLinesAsync(pidFile, ct);
        return lines.Length > 3 && int.TryParse(lines[3].Trim(), out var p) ? p : null;
    }

    private string TailOfLog()
    {
        try
        {
            return File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(15)) : "";
        }
        catch (IOException) { return ""; }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
