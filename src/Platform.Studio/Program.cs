using Platform.Core.Expressions;
using Platform.Core.Identity;
using Platform.Forms;
using Platform.Forms.Api;
using Platform.Reports;
using Platform.Reports.Api;
using Platform.Packages;
using Platform.Workflow;
using Platform.Workflow.Api;
using Platform.Studio.Admin;
using Platform.Studio.Api;
using Platform.Studio.Auth;
using Platform.Studio.Commands;
using Platform.Studio.Designers;
using Platform.Studio.Hosting;
using Platform.Studio.Localization;
using Platform.Studio.Runtime;
using Platform.Studio.Designers.Workflow;

var commandLine = StudioCommandLine.Parse(args);
if (commandLine.Command is null) return commandLine.PrintHelp(Console.Out);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = commandLine.HostArguments,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddStudioHosting();
await using var database = await builder.AddStudioDatabaseAsync();

// Platform services
builder.Services.AddPlatformIdentity();
builder.Services.AddExpressionSandbox();

// Engines
builder.Services.AddForms();
builder.Services.AddWorkflow(o => builder.Configuration.GetSection("Workflow").Bind(o));
builder.Services.AddWorkflowWorker();
builder.Services.AddReports();
builder.Services.AddAppPackages();
builder.Services.AddSingleton<Platform.Studio.Admin.AppUninstallation>();
builder.Services.AddSingleton<Platform.Studio.Localization.IStudioTextSource, Platform.Studio.Admin.UninstallTexts>();

// Studio
builder.Services.AddStudioAuthentication();
builder.Services.AddStudioLocalization();
builder.Services.AddStudioHealthChecks();
builder.Services.AddStudioUi();
builder.Services.AddStudioRuntime();
builder.Services.AddStudioAdmin();
builder.Services.AddStudioDesigners();
builder.Services.AddWorkflowDesigner();
builder.Services.AddOpenApi();

await using var app = builder.Build();
app.UseStudioPipeline();
app.UsePasswordChangeGate();

app.MapStudioHealth();
app.MapAccountEndpoints();
app.MapAuthApi();
app.MapAdminEndpoints();
// Engine APIs
app.MapOpenApi();
app.MapFormsApi();
app.MapReportsApi();
app.MapWorkflowApi();

app.MapStudioUi();

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return await commandLine.Command.ExecuteAsync(new StudioCommandContext(app, commandLine.CommandArguments, Console.Out, stop.Token));

/// <summary>Entry point; public so tests can host the Studio with WebApplicationFactory.</summary>
public partial class Program;
