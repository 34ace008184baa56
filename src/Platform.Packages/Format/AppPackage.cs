using System.Text.Json.Nodes;

namespace Platform.Packages.Format;

/// <summary>A package as read from disk: the manifest and each definition file's content, keyed by relative path.</summary>
public sealed record AppPackage(
    PackageManifest Manifest,
    IReadOnlyList<PackageFile<JsonNode>> Forms,
    IReadOnlyList<PackageFile<string>> Workflows,
    IReadOnlyList<PackageFile<JsonNode>> Reports,
    IReadOnlyList<PackageFile<JsonNode>> Dashboards,
    JsonNode? Roles,
    JsonNode? Menus,
    IReadOnlyList<PackageFile<JsonNode>> SampleData);

/// <summary>One definition file of a package.</summary>
public sealed record PackageFile<T>(string Path, T Content);
