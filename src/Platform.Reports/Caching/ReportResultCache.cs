using Microsoft.Extensions.Caching.Memory;
using Platform.Reports.Compilation;
using Platform.Reports.Running;

namespace Platform.Reports.Caching;

/// <summary>
/// Keeps the rows of recent runs keyed by the exact statement and its values (so each viewer's data scope and
/// each parameter set is its own entry) and serves them while the change stamp of every form read is unchanged.
/// </summary>
internal sealed class ReportResultCache(IMemoryCache cache, ChangeStamps stamps)
{
    private sealed record Entry(string Stamp, IReadOnlyList<RawRow> Rows);

    public async Task<(IReadOnlyList<RawRow> Rows, bool Cached)> GetOrRunAsync(
        CompiledReport compiled, Func<Task<IReadOnlyList<RawRow>>> run, CancellationToken ct)
    {
        var stamp = await stamps.GetAsync(compiled.Forms, ct);
        var key = ("report-rows", compiled.CacheKey);
        if (cache.TryGetValue(key, out Entry? entry) && entry!.Stamp == stamp) return (entry.Rows, true);
        var rows = await run();
        cache.Set(key, new Entry(stamp, rows), new MemoryCacheEntryOptions
        {
            Size = rows.Count + 1,
            SlidingExpiration = TimeSpan.FromMinutes(10),
        });
        return (rows, false);
    }
}
