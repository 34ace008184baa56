namespace Platform.Core.Database;

/// <summary>Where the private cluster lives and how it is reached.</summary>
public sealed record EmbeddedPostgresOptions
{
    /// <summary>Folder holding the cluster (pgdata), its password and its log.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Folder with initdb and pg_ctl; found automatically when empty.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Fixed port; a free one is chosen at each start when zero.</summary>
    public int Port { get; init; }

    public string Database { get; init; } = "platform";

    public string SuperUser { get; init; } = "platform";
}
