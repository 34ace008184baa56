using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Core.Database;
using Platform.Core.Organization;
using Platform.Forms;
using Platform.Testing;
using Platform.Workflow;
using Platform.Workflow.Definitions;
using Platform.Workflow.Runtime;
using Platform.Workflow.Tasks;

namespace Platform.Benchmarks;

/// <summary>
/// Workflow engine: instances per second through a 5-step approval, and 10,000 timers falling due at one moment
/// shared by two worker processes (time to all fired, lateness p95, none lost or fired twice).
/// </summary>
public sealed class WorkflowBenchmark : IBenchmarkCommand
{
    public string Name => "workflow";
    public string Description => "5-step approval throughput; N timers due at once across two worker processes";

    private static readonly UserContext Admin = new(Guid.NewGuid(), "bench", "Bench", null, null, new HashSet<string>(), true);

    public async Task<int> RunAsync(BenchmarkArgs args)
    {
        var timers = args.Records ?? 10_000;
        var approvals = Math.Max(50, timers / 20);
        var database = await CreateDatabaseAsync();
        var cs = await TestPostgres.ConnectionStringForAsync(database);
        try
        {
            await using var services = BuildServices(cs);
            var approval = await ApprovalThroughputAsync(services, approvals);
            var timer = await TimersAsync(services, cs, timers);
            Print(approvals, approval, timers, timer);
            return timer.ExactlyOnce == timers && timer.Lost == 0 && timer.Twice == 0 ? 0 : 1;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestPostgres.DropAsync(database);
        }
    }

    private static ServiceProvider BuildServices(string cs)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformDatabase(cs);
        services.AddSingleton<IOrgDirectory>(new WorkflowBenchmarkOrg());
        services.AddForms();
        services.AddWorkflow(o => o.WorkerId = "bench-driver");
        return services.BuildServiceProvider();
    }

    private static async Task<string> CreateDatabaseAsync()
    {
        await TestPostgres.EnsureTemplateAsync("tpl_bench_workflow_forms", async cs =>
        {
            await using var sp = BuildServices(cs);
            await sp.GetRequiredService<PlatformMigrator>().MigrateAsync();
        });
        return await TestPostgres.CloneAsync("tpl_bench_workflow_forms");
    }

    private sealed record ApprovalResult(double Seconds, double StartsPerSecond, double CompletedPerSecond, double ApprovalP95Ms);

    private static async Task<ApprovalResult> ApprovalThroughputAsync(ServiceProvider services, int count)
    {
        var steps = string.Concat(Enumerable.Range(1, 5).Select(i => $"""<bpmn:userTask id="step{i}" lc:approvers="user:{WorkflowBenchmarkOrg.Approvers[i - 1]}" />"""));
        var flows = string.Concat(Enumerable.Range(0, 6).Select(i =>
            $"""<bpmn:sequenceFlow id="f{i}" sourceRef="{(i == 0 ? "start" : $"step{i}")}" targetRef="{(i == 5 ? "end" : $"step{i + 1}")}" />"""));
        await PublishAsync(services, Process("bench_approval", $"""<bpmn:startEvent id="start" />{steps}<bpmn:endEvent id="end" />{flows}"""));
        var runtime = services.GetRequiredService<IWorkflowRuntime>();
        var actions = services.GetRequiredService<ITaskActions>();
        var latency = new LatencyStats();
        var total = Stopwatch.StartNew();
        var ids = new Guid[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
            ids[i] = await runtime.StartAsync("bench_approval", null, null, Admin, ct));
        var startSeconds = total.Elapsed.TotalSeconds;
        var ds = services.GetRequiredService<NpgsqlDataSource>();
        for (var step = 0; step < 5; step++)
        {
            var approver = WorkflowBenchmarkOrg.Approvers[step];
            var user = new UserContext(approver, "approver", "Approver", null, null, new HashSet<string>(), false);
            await using var conn = await ds.OpenConnectionAsync();
            var tasks = (await conn.QueryAsync<Guid>("""
                SELECT t.id FROM workflow.tasks t JOIN workflow.task_assignees a ON a.task_id = t.id
                WHERE t.status = 'open' AND a.user_id = @approver AND a.status = 'pending'
                """, new { approver })).ToList();
            await Parallel.ForEachAsync(tasks, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (task, ct) =>
                await latency.TimeAsync(async () => { await actions.ApproveAsync(task, user, null, null, ct); return 0; }));
        }
        var seconds = total.Elapsed.TotalSeconds;
        await using var check = await ds.OpenConnectionAsync();
        var completed = await check.ExecuteScalarAsync<long>("SELECT count(*) FROM workflow.instances WHERE definition_key = 'bench_approval' AND status = 'completed'");
        if (completed != count) throw new InvalidOperationException($"Only {completed} of {count} approval instances completed.");
        return new ApprovalResult(seconds, count / startSeconds, count / seconds, latency.P95);
    }

    /// <summary>
    /// Fired counts timer firings in the instances' history; ExactlyOnce the instances whose timer fired once and that completed;
    /// StillQueued timers whose job was still waiting when the time cap hit (slow, not lost); Lost instances still running with
    /// neither a firing nor a job (the engine dropped them); Twice instances whose timer fired more than once.
    /// </summary>
    private sealed record TimerResult(double CreateSeconds, double AllFiredSeconds, double LatenessP50Ms, double LatenessP95Ms, long Fired,
        long ExactlyOnce, long StillQueued, long Lost, long Twice, bool TimedOut, IReadOnlyDictionary<string, long> PerWorker);

    private static async Task<TimerResult> TimersAsync(ServiceProvider services, string cs, int count)
    {
        await PublishAsync(services, Process("bench_timer", """
            <bpmn:startEvent id="start" />
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>P365D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="wait" /><bpmn:sequenceFlow id="b" sourceRef="wait" targetRef="end" />
            """));
        var runtime = services.GetRequiredService<IWorkflowRuntime>();
        var create = Stopwatch.StartNew();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, ct) =>
            await runtime.StartAsync("bench_timer", null, null, Admin, ct));
        var createSeconds = create.Elapsed.TotalSeconds;

        var workers = new System.Diagnostics.Process[] { StartWorker(cs, "worker-1"), StartWorker(cs, "worker-2") };
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            var ds = services.GetRequiredService<NpgsqlDataSource>();
            await using var conn = await ds.OpenConnectionAsync();
            var due = DateTimeOffset.UtcNow.AddSeconds(2);
            await conn.ExecuteAsync("UPDATE workflow.jobs SET due_at = @due WHERE kind = 'timer'", new { due });
            var deadline = DateTime.UtcNow.AddMinutes(10);
            while (await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM workflow.instances WHERE definition_key = 'bench_timer' AND status = 'running'") > 0
                   && DateTime.UtcNow < deadline)
                await Task.Delay(100);
            var timedOut = DateTime.UtcNow >= deadline;
            // Stop the workers before counting, so nothing moves between the counts.
            foreach (var w in workers.Where(w => !w.HasExited)) w.Kill();
            foreach (var w in workers) await w.WaitForExitAsync();
            var lateness = new LatencyStats();
            var rows = (await conn.QueryAsync<(string Worker, DateTime Fired, DateTime Due)>(
                "SELECT worker, fired_at, due_at FROM workflow.job_log WHERE kind = 'timer'")).ToList();
            foreach (var r in rows) lateness.Add(r.Fired - r.Due);
            var lastFired = rows.Count == 0 ? due.UtcDateTime : rows.Max(r => r.Fired);
            var audit = await conn.QuerySingleAsync<(long Fired, long ExactlyOnce, long Twice, long StillQueued, long Lost)>("""
                WITH per AS (
                  SELECT i.id, i.status,
                         (SELECT count(*) FROM workflow.history h WHERE h.instance_id = i.id AND h.node_id = 'wait' AND h.event = 'fired') AS fired,
                         EXISTS (SELECT 1 FROM workflow.jobs j WHERE j.instance_id = i.id AND j.kind = 'timer') AS queued
                  FROM workflow.instances i WHERE i.definition_key = 'bench_timer')
                SELECT coalesce(sum(fired), 0)::bigint,
                       count(*) FILTER (WHERE fired = 1 AND status = 'completed'),
                       count(*) FILTER (WHERE fired > 1),
                       count(*) FILTER (WHERE fired = 0 AND queued),
                       count(*) FILTER (WHERE status <> 'completed' AND NOT queued AND fired = 0)
                FROM per
                """);
            return new TimerResult(createSeconds, (lastFired - due.UtcDateTime).TotalSeconds, lateness.Median, lateness.P95,
                audit.Fired, audit.ExactlyOnce, audit.StillQueued, audit.Lost, audit.Twice, timedOut,
                rows.GroupBy(r => r.Worker).ToDictionary(g => g.Key, g => (long)g.Count()));
        }
        finally
        {
            foreach (var w in workers)
            {
                if (!w.HasExited) w.Kill();
                await w.WaitForExitAsync();
                w.Dispose();
            }
        }
    }

    private static System.Diagnostics.Process StartWorker(string cs, string id)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(info.FileName) == "dotnet") info.ArgumentList.Add(typeof(WorkflowBenchmark).Assembly.Location);
        foreach (var a in new[] { "workflow-worker", cs, id }) info.ArgumentList.Add(a);
        var process = System.Diagnostics.Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[{id}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task PublishAsync(ServiceProvider services, string xml)
    {
        await using var scope = services.CreateAsyncScope();
        var definitions = scope.ServiceProvider.GetRequiredService<IWorkflowDefinitions>();
        var saved = await definitions.ImportAsync(xml, null, Admin, default);
        await definitions.PublishAsync(saved.Key, Admin, default);
    }

    private static string Process(string id, string content) => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:lc="https://lowcode-platform.dev/schema/workflow/1.0" id="d_{id}">
          <bpmn:process id="{id}" isExecutable="true">{content}</bpmn:process>
        </bpmn:definitions>
        """;

    private static void Print(int approvals, ApprovalResult a, int timers, TimerResult t)
    {
        string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        Console.WriteLine("| workflow benchmark                          | value |");
        Console.WriteLine("|---------------------------------------------|-------|");
        Console.WriteLine($"| 5-step approval instances                   | {approvals} |");
        Console.WriteLine($"| instances started / s                       | {F(a.StartsPerSecond)} |");
        Console.WriteLine($"| instances started + 5 approvals, done / s   | {F(a.CompletedPerSecond)} |");
        Console.WriteLine($"| approval action p95 (ms)                    | {F(a.ApprovalP95Ms)} |");
        Console.WriteLine($"| timers due at the same moment               | {timers} |");
        Console.WriteLine($"| time until all fired (s)                    | {(t.TimedOut ? $"cap hit; last firing at {F(t.AllFiredSeconds)}" : F(t.AllFiredSeconds))} |");
        Console.WriteLine($"| lateness p50 / p95 (ms)                     | {F(t.LatenessP50Ms)} / {F(t.LatenessP95Ms)} |");
        Console.WriteLine($"| fired exactly once (completed)              | {t.ExactlyOnce} of {timers} |");
        Console.WriteLine($"| still queued at the 10-min cap / lost       | {t.StillQueued} / {t.Lost} |");
        Console.WriteLine($"| fired twice                                 | {t.Twice} |");
        Console.WriteLine($"| fired per worker                            | {string.Join(", ", t.PerWorker.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))} |");
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "workflow",
            approvalInstances = approvals,
            approvalStartsPerSecond = Math.Round(a.StartsPerSecond, 2),
            approvalCompletedPerSecond = Math.Round(a.CompletedPerSecond, 2),
            approvalActionP95Ms = a.ApprovalP95Ms,
            timers,
            timerCreateSeconds = Math.Round(t.CreateSeconds, 2),
            timersAllFiredSeconds = Math.Round(t.AllFiredSeconds, 3),
            timerLatenessP50Ms = t.LatenessP50Ms,
            timerLatenessP95Ms = t.LatenessP95Ms,
            timersFired = t.Fired,
            timersFiredExactlyOnce = t.ExactlyOnce,
            timersStillQueued = t.StillQueued,
            timersLost = t.Lost,
            timersHitTimeCap = t.TimedOut,
            timersFiredTwice = t.Twice,
            firedPerWorker = t.PerWorker,
        }));
    }
}
