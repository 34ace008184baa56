using Platform.Core.Organization;
using Platform.Studio.Components.Home;

namespace Platform.Studio.Tests.Components;

public sealed class StudioAppCatalogTests
{
    private static readonly UserContext User = new(Guid.NewGuid(), "u", "U", null, null, new HashSet<string>(), false);

    private sealed class Source(params StudioAppTile[] apps) : IStudioAppSource
    {
        public Task<IReadOnlyList<StudioAppTile>> ListAsync(UserContext user, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<StudioAppTile>>(apps);
    }

    [Fact]
    public async Task Apps_from_every_source_are_merged_once_each_and_sorted_by_name()
    {
        var catalog = new StudioAppCatalog([
            new Source(new("b", "Beta", "/b"), new("a", "Alpha", "/a")),
            new Source(new("a", "Alpha again", "/a2"), new("c", "Charlie", "/c")),
        ]);

        var apps = await catalog.ListAsync(User, CancellationToken.None);

        Assert.Equal(["Alpha", "Beta", "Charlie"], apps.Select(a => a.Name));
    }

    [Fact]
    public async Task No_sources_means_no_apps()
    {
        Assert.Empty(await new StudioAppCatalog([]).ListAsync(User, CancellationToken.None));
    }
}
