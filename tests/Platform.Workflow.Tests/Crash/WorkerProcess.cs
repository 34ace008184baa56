using System.Diagnostics;

namespace Platform.Workflow.Tests.Crash;

/// <summary>A real worker child process (tests/Platform.Workflow.TestWorker) that the test can kill with SIGKILL.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    public static WorkerProcess Start(string connectionString, string workerId, double leaseSeconds = 3)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Platform.Workflow.TestWorker.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add(connectionString);
        info.ArgumentList.Add(workerId);
        info.ArgumentList.Add(leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the worker process.");
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    private readonly System.Text.StringBuilder _output = new();

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) if (_output.Length < 20_000) _output.AppendLine(line);
    }

    /// <summary>What the worker printed, for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: no shutdown hooks, open transactions are cut off mid-way.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
