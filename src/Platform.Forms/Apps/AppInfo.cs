using Platform.Forms.Definitions;

namespace Platform.Forms.Apps;

/// <summary>An app as callers see it.</summary>
public sealed record AppInfo(string Key, LocalizedText Name, string? Description = null, string? Icon = null);
