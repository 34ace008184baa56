namespace Platform.Core.Database;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl) the embedded cluster needs.</summary>
public sealed record PostgresBinaries(string BinDirectory)
{
    public const int MinimumMajorVersion = 15;

    public const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install PostgreSQL 15 or newer, " +
        "for example 'sudo apt-get install -y postgresql', or set Platform:Postgres:BinDirectory, " +
        "or set ConnectionStrings__Platform to use an existing server.";

    public string InitDb => Path.Combine(BinDirectory, "initdb");
    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    /// <summary>Looks in the configured folder, then the Debian layout, then PATH.</summary>
    public static PostgresBinaries Locate(string? configuredDirectory = null)
    {
        if (!string.IsNullOrWhiteSpace(configuredDirectory))
        {
            return HasPrograms(configuredDirectory)
                ? new PostgresBinaries(configuredDirectory)
                : throw new EmbeddedPostgresException(
                    $"Platform:Postgres:BinDirectory is '{configuredDirectory}' but initdb/pg_ctl are not there. {InstallHint}");
        }

        foreach (var candidate in Candidates())
        {
            if (HasPrograms(candidate)) return new PostgresBinaries(candidate);
        }
        throw new EmbeddedPostgresException(InstallHint);
    }

    private static IEnumerable<string> Candidates()
    {
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var versions = Directory.GetDirectories(debianRoot)
                .Select(d => (dir: d, version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(x => x.version >= MinimumMajorVersion)
                .OrderByDescending(x => x.version);
            foreach (var (dir, _) in versions) yield return Path.Combine(dir, "bin");
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            yield return dir;
    }

    private static bool HasPrograms(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));
}
