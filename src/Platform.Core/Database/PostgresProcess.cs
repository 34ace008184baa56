using System.Diagnostics;

namespace Platform.Core.Database;

/// <summary>
/// Runs PostgreSQL server programs. PostgreSQL refuses to run as root, so when this process is root
/// the programs run as the 'postgres' system account through runuser and own the data folder.
/// </summary>
internal static class PostgresProcess
{
    public const string ServiceAccount = "postgres";

    public static bool RunningAsRoot => Environment.UserName == "root" || GetEffectiveUserId() == 0;

    public static async Task<(int ExitCode, string Output)> RunAsync(
        string program, IReadOnlyList<string> arguments, CancellationToken ct, bool waitForExit = true)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (RunningAsRoot)
        {
            info.FileName = "runuser";
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add(ServiceAccount);
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(program);
        }
        else
        {
            info.FileName = program;
        }
        foreach (var a in arguments) info.ArgumentList.Add(a);
        // pg_ctl inherits our locale; the cluster is initialised with C.UTF-8 explicitly.
        info.Environment["LC_ALL"] = "C.UTF-8";

        using var process = Process.Start(info)
            ?? throw new EmbeddedPostgresException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = (await stdout + await stderr).Trim();
        return (process.ExitCode, output);
    }

    /// <summary>Gives the service account the folder when we run as root.</summary>
    public static async Task HandOverAsync(string directory, CancellationToken ct)
    {
        if (!RunningAsRoot) return;
        using var chown = Process.Start(new ProcessStartInfo("chown", ["-R", $"{ServiceAccount}:{ServiceAccount}", directory])
        {
            UseShellExecute = false,
        }) ?? throw new EmbeddedPostgresException("Could not run chown.");
        await chown.WaitForExitAsync(ct);
        if (chown.ExitCode != 0)
            throw new EmbeddedPostgresException($"Could not give '{directory}' to the '{ServiceAccount}' account (is PostgreSQL installed?).");
    }

    private static uint GetEffectiveUserId()
    {
        try { return geteuid(); }
        catch (EntryPointNotFoundException) { return uint.MaxValue; }
        catch (DllNotFoundException) { return uint.MaxValue; }
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern uint geteuid();
}
