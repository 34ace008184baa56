namespace Platform.Packages.Format;

/// <summary>One problem found in a package: the file (relative to the package root) and what is wrong.</summary>
public sealed record PackageError(string File, string Message)
{
    public override string ToString() => $"{File}: {Message}";
}

/// <summary>A package could not be read or is invalid; lists every problem found, not just the first.</summary>
public sealed class PackageValidationException(IReadOnlyList<PackageError> errors)
    : Exception("The package is invalid:\n" + string.Join("\n", errors.Select(e => "  " + e)))
{
    public IReadOnlyList<PackageError> Errors { get; } = errors;
}
