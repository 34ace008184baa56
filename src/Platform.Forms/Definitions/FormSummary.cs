namespace Platform.Forms.Definitions;

/// <summary>A form in lists: its key, name, published version and whether the draft differs from it.</summary>
public sealed record FormSummary(string App, string Key, LocalizedText Name, int? PublishedVersion, DateTimeOffset UpdatedAt);

/// <summary>A published version in the version list.</summary>
public sealed record FormVersionInfo(int Version, DateTimeOffset PublishedAt, Guid PublishedBy);
