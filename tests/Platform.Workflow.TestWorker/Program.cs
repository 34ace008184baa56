using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Core.Database;
using Platform.Core.Organization;
using Platform.Forms;
using Platform.Workflow;
using Platform.Workflow.TestWorker;

// A bare workflow worker process for the crash test: `Platform.Workflow.TestWorker <connection string> <worker id> [lease seconds]`.
// It runs until killed; the test kills it with SIGKILL in the middle of work.
if (args.Length < 2)
{
    Console.Error.WriteLine("Usage: Platform.Workflow.TestWorker <connection string> <worker id> [lease seconds]");
    return 2;
}
var lease = args.Length > 2 ? TimeSpan.FromSeconds(double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)) : TimeSpan.FromSeconds(3);
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddPlatformDatabase(args[0]);
builder.Services.AddSingleton<IOrgDirectory, NoOrgDirectory>();
builder.Services.AddForms();
builder.Services.AddWorkflow(o =>
{
    o.WorkerId = args[1];
    o.PollInterval = TimeSpan.FromMilliseconds(20);
    o.Lease = lease;
    o.BatchSize = 20;
});
builder.Services.AddWorkflowWorker();
using var host = builder.Build();
Console.WriteLine("worker started");
await host.RunAsync();
return 0;
