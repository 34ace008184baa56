using Platform.Core.Organization;

namespace Platform.Workflow.Definitions;

/// <summary>Drafts, published versions, BPMN import and export. Changing definitions needs an administrator.</summary>
public interface IWorkflowDefinitions
{
    /// <summary>Saves the draft; the XML must parse (unsupported elements are refused by name). Creates the workflow if new.</summary>
    Task<DefinitionSummary> SaveDraftAsync(string key, string bpmnXml, UserContext user, CancellationToken ct);

    /// <summary>Imports a BPMN file as the draft of the workflow named by its process id (or <paramref name="key"/>).</summary>
    Task<DefinitionSummary> ImportAsync(string bpmnXml, string? key, UserContext user, CancellationToken ct);

    /// <summary>Validates the draft and publishes it as the next version; new instances start on it.</summary>
    Task<PublishedVersion> PublishAsync(string key, UserContext user, CancellationToken ct);

    /// <summary>Parses and validates without saving; every problem found.</summary>
    Task<IReadOnlyList<DefinitionError>> ValidateAsync(string bpmnXml, CancellationToken ct);

    Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken ct);

    Task<IReadOnlyList<PublishedVersion>> VersionsAsync(string key, CancellationToken ct);

    /// <summary>The BPMN of a version, or of the draft when <paramref name="version"/> is null; null when unknown.</summary>
    Task<string?> ExportAsync(string key, int? version, CancellationToken ct);
}

public sealed record DefinitionSummary(string Key, string Name, int LatestVersion, DateTimeOffset UpdatedAt);

public sealed record PublishedVersion(Guid Id, string Key, int Version, string Name, DateTimeOffset PublishedAt, bool IsCurrent);

/// <summary>The caller may not do this (not an administrator, not an assignee …).</summary>
public sealed class WorkflowAccessDeniedException(string message) : Exception(message);

/// <summary>Something named does not exist.</summary>
public sealed class WorkflowNotFoundException(string message) : Exception(message);
