using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Platform.Core.Database;

/// <summary>
/// Decides which PostgreSQL the platform uses: ConnectionStrings:Platform when set,
/// otherwise the embedded cluster in Platform:Postgres:DataDirectory.
/// </summary>
public static class PlatformDatabaseBootstrap
{
    public const string ConnectionStringName = "Platform";

    public static async Task<(string ConnectionString, EmbeddedPostgres? Embedded)> ResolveAsync(
        IConfiguration configuration, string contentRoot, ILogger logger, CancellationToken ct = default)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            logger.LogInformation("Using the PostgreSQL server from ConnectionStrings:Platform");
            return (configured, null);
        }

        var section = configuration.GetSection("Platform:Postgres");
        var dataDirectory = section["DataDirectory"] is { Length: > 0 } d
            ? Path.GetFullPath(d, contentRoot)
            : Path.Combine(contentRoot, ".data", "postgres");
        var options = new EmbeddedPostgresOptions
        {
            DataDirectory = dataDirectory,
            BinDirectory = section["BinDirectory"],
            Port = int.TryParse(section["Port"], out var port) ? port : 0,
        };
        var embedded = await EmbeddedPostgres.StartAsync(options, logger, ct);
        return (embedded.ConnectionString, embedded);
    }
}
