using Microsoft.AspNetCore.DataProtection;
using Platform.Core.Database;

namespace Platform.Studio.Hosting;

public static class StudioHostingExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Logging, the default address, static web assets in every environment and persistent data-protection keys.</summary>
    public static WebApplicationBuilder AddStudioHosting(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(DefaultUrl);
        // Serves MudBlazor's _content files from the build output, not only in Development.
        builder.WebHost.UseStaticWebAssets();

        var keys = builder.Configuration["Platform:KeysDirectory"] is { Length: > 0 } k
            ? Path.GetFullPath(k)
            : Path.Combine(Directory.GetCurrentDirectory(), ".data", "keys");
        builder.Services.AddDataProtection().SetApplicationName("Platform").PersistKeysToFileSystem(new DirectoryInfo(keys));
        return builder;
    }

    /// <summary>
    /// Resolves the database (ConnectionStrings:Platform, or the embedded cluster under the current folder)
    /// and registers it. Dispose the result after the app to stop an embedded cluster.
    /// </summary>
    public static async Task<StudioDatabase> AddStudioDatabaseAsync(this WebApplicationBuilder builder)
    {
        using var loggerFactory = LoggerFactory.Create(b => b.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole());
        var logger = loggerFactory.CreateLogger("Platform.Database");
        string connectionString;
        EmbeddedPostgres? embedded;
        try
        {
            (connectionString, embedded) = await PlatformDatabaseBootstrap.ResolveAsync(
                builder.Configuration, Directory.GetCurrentDirectory(), logger);
        }
        catch (EmbeddedPostgresException e)
        {
            // Nothing can run without a database; say what to do instead of printing a stack trace.
            logger.LogCritical("{Problem}", e.Message);
            loggerFactory.Dispose();
            Console.Error.WriteLine($"\nCannot start: {e.Message}");
            Environment.Exit(1);
            throw;
        }
        builder.Services.AddPlatformDatabase(connectionString);
        var database = new StudioDatabase(connectionString, embedded);
        builder.Services.AddSingleton(database);
        return database;
    }
}
