using Platform.Core.Database;

var builder = WebApplication.CreateBuilder(args);

using var loggerFactory = LoggerFactory.Create(b => b.AddConsole());
var (connectionString, embedded) = await PlatformDatabaseBootstrap.ResolveAsync(
    builder.Configuration, builder.Environment.ContentRootPath, loggerFactory.CreateLogger("Platform.Database"));

builder.Services.AddPlatformDatabase(connectionString);
builder.Services.AddHealthChecks();

var app = builder.Build();

await app.Services.GetRequiredService<PlatformMigrator>().MigrateAsync();

app.MapHealthChecks("/health");
app.MapGet("/", () => "Platform Studio");

await app.RunAsync();
if (embedded is not null) await embedded.StopAsync();
