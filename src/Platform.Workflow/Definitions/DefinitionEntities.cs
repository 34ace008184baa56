namespace Platform.Workflow.Definitions;

/// <summary>A workflow's editable draft; published versions are separate, immutable rows.</summary>
internal sealed class WorkflowDefinitionEntity
{
    public Guid Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public required string DraftXml { get; set; }
    public int LatestVersion { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid UpdatedBy { get; set; }
}

/// <summary>One published version; instances are pinned to it.</summary>
internal sealed class WorkflowVersionEntity
{
    public Guid Id { get; set; }
    public Guid DefinitionId { get; set; }
    public required string Key { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    public required string Xml { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public Guid PublishedBy { get; set; }

    /// <summary>The version new instances start on; older ones keep running their instances.</summary>
    public bool IsCurrent { get; set; }
}
