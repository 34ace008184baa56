using Platform.Core.Organization;

namespace Platform.Studio.Components.Home;

/// <summary>An app on the home page.</summary>
public sealed record StudioAppTile(string Key, string Name, string Href, string? Description = null, string? Color = null);

/// <summary>One source of apps for the home page (the form engine's apps, later others).</summary>
public interface IStudioAppSource
{
    Task<IReadOnlyList<StudioAppTile>> ListAsync(UserContext user, CancellationToken ct);
}

/// <summary>The apps a user may open, from every registered <see cref="IStudioAppSource"/>.</summary>
public interface IStudioAppCatalog
{
    Task<IReadOnlyList<StudioAppTile>> ListAsync(UserContext user, CancellationToken ct);
}

internal sealed class StudioAppCatalog(IEnumerable<IStudioAppSource> sources) : IStudioAppCatalog
{
    public async Task<IReadOnlyList<StudioAppTile>> ListAsync(UserContext user, CancellationToken ct)
    {
        var all = new List<StudioAppTile>();
        foreach (var source in sources) all.AddRange(await source.ListAsync(user, ct));
        return all.DistinctBy(a => a.Key).OrderBy(a => a.Name, StringComparer.CurrentCulture).ToList();
    }
}
