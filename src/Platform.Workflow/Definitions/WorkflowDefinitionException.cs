namespace Platform.Workflow.Definitions;

/// <summary>One problem in a BPMN definition, naming the element, in en and zh-CN.</summary>
public sealed record DefinitionError(string? ElementId, string Message, string MessageZh)
{
    public override string ToString() => ElementId is null ? Message : $"{ElementId}: {Message}";
}

/// <summary>A definition was refused (parse or publish validation); lists every error found.</summary>
public sealed class WorkflowDefinitionException(IReadOnlyList<DefinitionError> errors)
    : Exception("The workflow definition is invalid: " + string.Join("; ", errors))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
