using System.Diagnostics;

namespace Platform.Benchmarks;

/// <summary>Collects timings and reports median and p95 in milliseconds.</summary>
public sealed class LatencyStats
{
    private readonly List<double> _ms = [];

    public async Task<T> TimeAsync<T>(Func<Task<T>> action)
    {
        var sw = Stopwatch.StartNew();
        var result = await action();
        _ms.Add(sw.Elapsed.TotalMilliseconds);
        return result;
    }

    public void Add(TimeSpan elapsed) => _ms.Add(elapsed.TotalMilliseconds);

    public int Count => _ms.Count;
    public double Median => Percentile(0.5);
    public double P95 => Percentile(0.95);

    public double Percentile(double p)
    {
        if (_ms.Count == 0) return double.NaN;
        var sorted = _ms.Order().ToArray();
        var index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return Math.Round(sorted[Math.Clamp(index, 0, sorted.Length - 1)], 3);
    }
}
