using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.Workflow.Jobs;

/// <summary>
/// The background worker: consumes record events for triggers and runs due jobs. Any number of processes may run it;
/// they share the work through row locks and leases.
/// </summary>
internal sealed class WorkflowWorker(RecordEventTriggers triggers, JobRunner runner, TimeProvider time, IOptions<WorkflowOptions> options, ILogger<WorkflowWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                busy |= await triggers.ProcessAsync(stoppingToken) > 0;
                busy |= await runner.RunDueAsync(stoppingToken) > 0;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogError(e, "Workflow worker pass failed; retrying after the poll interval");
            }
            if (!busy) await Task.Delay(options.Value.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
