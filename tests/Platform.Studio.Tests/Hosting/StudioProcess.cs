using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using Platform.Testing;

namespace Platform.Studio.Tests.Hosting;

/// <summary>
/// The real Studio as a child process (Kestrel on a free port) on a fresh database of the test PostgreSQL,
/// with a known administrator. Shared by the integration and browser tests.
/// </summary>
public sealed class StudioProcess : IAsyncDisposable
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Admin-pass-2024";

    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string _folder;

    private StudioProcess(Process process, StringBuilder output, string folder, string database, string connectionString, Uri baseAddress)
    {
        _process = process;
        _output = output;
        _folder = folder;
        Database = database;
        ConnectionString = connectionString;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public string Database { get; }
    public string ConnectionString { get; }

    /// <summary>Everything the Studio printed so far.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<StudioProcess> StartAsync(CancellationToken ct = default)
    {
        var database = await NewDatabaseAsync();
        var connectionString = await TestPostgres.ConnectionStringForAsync(database);
        var port = FreePort();
        var folder = Directory.CreateTempSubdirectory("studio-test-").FullName;
        var output = new StringBuilder();
        var process = Launch(["--urls", $"http://127.0.0.1:{port}"], connectionString, folder, output);
        var studio = new StudioProcess(process, output, folder, database, connectionString, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await studio.WaitUntilHealthyAsync(TimeSpan.FromSeconds(240), ct);
        }
        catch
        {
            await studio.DisposeAsync();
            throw;
        }
        return studio;
    }

    /// <summary>Runs the Studio with a command (e.g. migrate) to completion; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string[] args, string? connectionString = null)
    {
        var folder = Directory.CreateTempSubdirectory("studio-cmd-").FullName;
        var output = new StringBuilder();
        try
        {
            using var process = Launch(args, connectionString, folder, output);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            process.WaitForExit(); // flushes the redirected streams
            lock (output) return (process.ExitCode, output.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A fresh, empty database on the test server; the Studio migrates it itself.</summary>
    public static async Task<string> NewDatabaseAsync()
    {
        await TestPostgres.EnsureTemplateAsync("tpl_studio_empty", _ => Task.CompletedTask);
        return await TestPostgres.CloneAsync("tpl_studio_empty");
    }

    public HttpClient CreateClient(bool followRedirects = false, CookieContainer? cookies = null) =>
        new(new HttpClientHandler
        {
            AllowAutoRedirect = followRedirects,
            CookieContainer = cookies ?? new CookieContainer(),
            UseCookies = true,
        }) { BaseAddress = BaseAddress };

    private async Task WaitUntilHealthyAsync(TimeSpan limit, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The Studio exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await client.GetAsync("/health", ct);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(250, ct);
        }
        throw new TimeoutException($"The Studio did not become healthy within {limit}:\n{Output}");
    }

    private static Process Launch(string[] args, string? connectionString, string workingDirectory, StringBuilder output)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(StudioAssemblyPath());
        foreach (var a in args) info.ArgumentList.Add(a);
        if (connectionString is not null) info.Environment["ConnectionStrings__Platform"] = connectionString;
        info.Environment["Platform__Admin__Email"] = AdminEmail;
        info.Environment["Platform__Admin__Password"] = AdminPassword;
        info.Environment["Platform__KeysDirectory"] = Path.Combine(workingDirectory, "keys");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__Console__FormatterName"] = "simple";

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the Studio.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The folder holding LowCodePlatform.sln.</summary>
    public static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "LowCodePlatform.sln"))) root = root.Parent;
        return root?.FullName ?? throw new InvalidOperationException("Repository root (LowCodePlatform.sln) not found.");
    }

    /// <summary>src/Platform.Studio/bin/{same configuration as the tests}/net10.0/Platform.Studio.dll.</summary>
    private static string StudioAssemblyPath()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = here.Parent?.Name ?? "Debug"; // …/bin/<Configuration>/net10.0/
        var path = Path.Combine(RepositoryRoot(), "src", "Platform.Studio", "bin", configuration, here.Name, "Platform.Studio.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the Studio first.", path);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        NpgsqlConnection.ClearAllPools();
        await TestPostgres.DropAsync(Database);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
