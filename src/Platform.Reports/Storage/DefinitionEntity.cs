namespace Platform.Reports.Storage;

/// <summary>A report or dashboard: its working draft and which version is published.</summary>
internal sealed class DefinitionEntity
{
    public required string Kind { get; set; }
    public required string AppKey { get; set; }
    public required string Key { get; set; }
    /// <summary>The draft definition document (jsonb); publishing copies it into a new version.</summary>
    public required string Draft { get; set; }
    public int? PublishedVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid UpdatedBy { get; set; }
}

/// <summary>An immutable published version of a report or dashboard.</summary>
internal sealed class DefinitionVersionEntity
{
    public required string Kind { get; set; }
    public required string AppKey { get; set; }
    public required string Key { get; set; }
    public int Version { get; set; }
    public required string Definition { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public Guid PublishedBy { get; set; }
}

internal static class DefinitionKinds
{
    public const string Report = "report";
    public const string Dashboard = "dashboard";
}
