using Platform.Core.Expressions;
using Platform.Core.Identity;
using Platform.Studio.Api;
using Platform.Studio.Auth;
using Platform.Studio.Commands;
using Platform.Studio.Hosting;
using Platform.Studio.Localization;

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

// Studio
builder.Services.AddStudioAuthentication();
builder.Services.AddStudioLocalization();
builder.Services.AddStudioHealthChecks();
builder.Services.AddStudioUi();

await using var app = builder.Build();
app.UseStudioPipeline();

app.MapStudioHealth();
app.MapAccountEndpoints();
app.MapAuthApi();
// Engine APIs

app.MapStudioUi();

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return await commandLine.Command.ExecuteAsync(new StudioCommandContext(app, commandLine.CommandArguments, Console.Out, stop.Token));

/// <summary>Entry point; public so tests can host the Studio with WebApplicationFactory.</summary>
public partial class Program;
