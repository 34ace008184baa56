using Platform.Core.Database;

namespace Platform.Studio.Hosting;

/// <summary>The PostgreSQL the Studio uses; stops the embedded cluster (if we started it) when disposed.</summary>
public sealed class StudioDatabase(string connectionString, EmbeddedPostgres? embedded) : IAsyncDisposable
{
    public string ConnectionString => connectionString;
    public bool IsEmbedded => embedded is not null;

    public async ValueTask DisposeAsync()
    {
        if (embedded is not null) await embedded.StopAsync();
    }
}
