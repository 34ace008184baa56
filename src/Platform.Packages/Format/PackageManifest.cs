using System.Text.Json.Serialization;

namespace Platform.Packages.Format;

/// <summary>The <c>manifest.json</c> at the root of an app package.</summary>
public sealed record PackageManifest
{
    /// <summary>Stable package id, also the installed app's key (lowercase letters, digits, dashes).</summary>
    public required string Id { get; init; }
    public required LocalizedText Name { get; init; }
    /// <summary>Semantic version (major.minor.patch) of the package.</summary>
    public required string Version { get; init; }
    public LocalizedText? Description { get; init; }
    /// <summary>Lowest platform version that can install this package.</summary>
    public string MinPlatformVersion { get; init; } = "1.0.0";
    public string? Icon { get; init; }
    /// <summary>Folders inside the package, relative to the manifest; defaults shown.</summary>
    public PackageLayout Layout { get; init; } = new();
}

/// <summary>Where each kind of definition lives inside the package.</summary>
public sealed record PackageLayout
{
    public string Forms { get; init; } = "forms";
    public string Workflows { get; init; } = "workflows";
    public string Reports { get; init; } = "reports";
    public string Dashboards { get; init; } = "dashboards";
    public string Roles { get; init; } = "roles.json";
    public string Menus { get; init; } = "menus.json";
    public string SampleData { get; init; } = "sample-data";
}

/// <summary>Text in zh-CN with an English translation.</summary>
public sealed record LocalizedText
{
    [JsonPropertyName("zh")] public required string Zh { get; init; }
    [JsonPropertyName("en")] public string? En { get; init; }

    public string For(string culture) =>
        culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) && En is { Length: > 0 } ? En : Zh;

    public override string ToString() => Zh;
}
