namespace Platform.Forms.Definitions;

/// <summary>A form definition is malformed or inconsistent; <see cref="Errors"/> lists every problem found.</summary>
public sealed class DefinitionException(IReadOnlyList<string> errors)
    : Exception("The form definition is invalid: " + string.Join(" ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
