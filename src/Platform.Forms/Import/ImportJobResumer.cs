using Microsoft.Extensions.Hosting;

namespace Platform.Forms.Import;

/// <summary>At start-up, continues the background imports a previous process left unfinished; at shutdown, stops them at a checkpoint.</summary>
internal sealed class ImportJobResumer(ImportJobs jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => jobs.ResumeAllAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => jobs.StopAsync();
}
