using Platform.Core.Database;

namespace Platform.Studio.Commands;

/// <summary>Brings every engine's schema up to date and exits.</summary>
internal sealed class MigrateCommand : IStudioCommand
{
    public string Name => "migrate";
    public string Description => "apply database migrations of every engine, then exit";

    public async Task<int> ExecuteAsync(StudioCommandContext context)
    {
        var migrator = context.App.Services.GetRequiredService<PlatformMigrator>();
        await migrator.MigrateAsync(context.Cancellation);
        context.Output.WriteLine($"Database is up to date ({string.Join(", ", migrator.Names)}).");
        return 0;
    }
}
