namespace Platform.Core.Expressions;

/// <summary>Limits applied to every evaluation. Bind from configuration section <c>Platform:Expressions</c>.</summary>
public sealed class ExpressionSandboxOptions
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(500);
    public long MemoryLimitBytes { get; set; } = 32 * 1024 * 1024;
    public int MaxStatements { get; set; } = 100_000;
    public int MaxRecursionDepth { get; set; } = 64;
    /// <summary>How many distinct prepared scripts are kept.</summary>
    public int CacheSize { get; set; } = 2_000;
}
