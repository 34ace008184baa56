namespace Platform.Core.Database;

/// <summary>The embedded PostgreSQL cluster could not be found, initialised, started or stopped.</summary>
public sealed class EmbeddedPostgresException(string message, Exception? inner = null) : Exception(message, inner);
