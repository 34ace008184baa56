namespace Platform.Core.Database;

/// <summary>One engine's schema migrations; the migrator applies them all in <see cref="Order"/>.</summary>
public interface IPlatformMigration
{
    string Name { get; }

    /// <summary>Core is 0; engines that depend on others come later (forms 100, workflow 200, reports 300).</summary>
    int Order { get; }

    /// <summary>Brings the schema up to date; running it twice changes nothing.</summary>
    Task ApplyAsync(IServiceProvider services, CancellationToken ct);
}
