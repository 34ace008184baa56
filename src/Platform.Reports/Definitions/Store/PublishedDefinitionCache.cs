using System.Collections.Concurrent;

namespace Platform.Reports.Definitions.Store;

/// <summary>
/// Parsed published reports and dashboards, so a dashboard load does not read and parse every widget's definition
/// again. A numbered version never changes; the latest one is dropped when its definition is published or deleted.
/// A generation per definition keeps a load that raced with a publish from caching the version it replaced.
/// </summary>
internal sealed class PublishedDefinitionCache
{
    private readonly ConcurrentDictionary<(string Kind, string App, string Key, int? Version), object> _items = new();
    private readonly ConcurrentDictionary<(string Kind, string App, string Key), long> _generations = new();

    public async Task<T?> GetOrLoadAsync<T>(string kind, string app, string key, int? version, Func<Task<T?>> load) where T : class
    {
        if (_items.TryGetValue((kind, app, key, version), out var cached)) return (T)cached;
        var generation = _generations.GetValueOrDefault((kind, app, key));
        var loaded = await load();
        if (loaded is not null && _generations.GetValueOrDefault((kind, app, key)) == generation)
            _items[(kind, app, key, version)] = loaded;
        return loaded;
    }

    public void Invalidate(string kind, string app, string key)
    {
        _generations.AddOrUpdate((kind, app, key), 1, (_, g) => g + 1);
        foreach (var entry in _items.Keys.Where(k => k.Kind == kind && k.App == app && k.Key == key))
            _items.TryRemove(entry, out _);
    }
}
