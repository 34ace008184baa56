namespace Platform.Reports.Definitions;

/// <summary>One problem with a definition or a run, naming the element at <see cref="Path"/>, in English and Chinese.</summary>
public sealed record ReportError(string Path, string En, string Zh)
{
    public string For(string? culture) =>
        culture is not null && culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Zh : En;

    public override string ToString() => $"{Path}: {En}";
}

/// <summary>A definition, a parameter or a run was refused; every problem found is listed.</summary>
public sealed class ReportException(IReadOnlyList<ReportError> errors)
    : Exception(string.Join("; ", errors.Select(e => e.ToString())))
{
    public ReportException(string path, string en, string zh) : this([new ReportError(path, en, zh)]) { }

    public IReadOnlyList<ReportError> Errors { get; } = errors;

    /// <summary>Errors grouped by path for RFC 9457 validation problems.</summary>
    public IDictionary<string, string[]> ToProblemErrors(string? culture) =>
        Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.For(culture)).ToArray());
}
