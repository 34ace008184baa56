using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.Packages.Format;

/// <summary>Reads a package from a folder or a zip of it, collecting every format error before failing.</summary>
public static partial class PackageReader
{
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip };
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static AppPackage Read(string path)
    {
        if (File.Exists(path) && path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = ZipFile.OpenRead(path);
            var files = zip.Entries.Where(e => !e.FullName.EndsWith('/'))
                .ToDictionary(e => Normalize(e.FullName), e => { using var r = new StreamReader(e.Open()); return r.ReadToEnd(); });
            return Read(StripCommonRoot(files));
        }
        if (!Directory.Exists(path))
            throw new PackageValidationException([new PackageError(path, "no such folder or .zip file")]);
        var all = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Normalize(Path.GetRelativePath(path, f)), File.ReadAllText);
        return Read(all);
    }

    /// <summary>Reads a package from its files' texts keyed by relative path with forward slashes.</summary>
    public static AppPackage Read(IReadOnlyDictionary<string, string> files)
    {
        var errors = new List<PackageError>();
        var manifest = ReadManifest(files, errors);
        if (manifest is null) throw new PackageValidationException(errors);
        var layout = manifest.Layout;

        var package = new AppPackage(
            manifest,
            JsonFiles(files, layout.Forms, errors),
            files.Where(f => InFolder(f.Key, layout.Workflows) && f.Key.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new PackageFile<string>(f.Key, f.Value)).ToList(),
            JsonFiles(files, layout.Reports, errors),
            JsonFiles(files, layout.Dashboards, errors),
            OptionalJson(files, layout.Roles, errors),
            OptionalJson(files, layout.Menus, errors),
            JsonFiles(files, layout.SampleData, errors));
        if (errors.Count > 0) throw new PackageValidationException(errors);
        return package;
    }

    private static PackageManifest? ReadManifest(IReadOnlyDictionary<string, string> files, List<PackageError> errors)
    {
        if (!files.TryGetValue("manifest.json", out var text))
        {
            errors.Add(new PackageError("manifest.json", "missing: every package has a manifest.json at its root"));
            return null;
        }
        PackageManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PackageManifest>(text, ManifestJson);
        }
        catch (JsonException e)
        {
            errors.Add(new PackageError("manifest.json", $"not valid: {e.Message}"));
            return null;
        }
        if (manifest is null) { errors.Add(new PackageError("manifest.json", "empty")); return null; }
        if (!IdPattern().IsMatch(manifest.Id))
            errors.Add(new PackageError("manifest.json", $"id '{manifest.Id}' must be lowercase letters, digits and underscores, starting with a letter (it becomes the app key)"));
        if (!SemVer.TryParse(manifest.Version, out _))
            errors.Add(new PackageError("manifest.json", $"version '{manifest.Version}' is not major.minor.patch"));
        if (!SemVer.TryParse(manifest.MinPlatformVersion, out _))
            errors.Add(new PackageError("manifest.json", $"minPlatformVersion '{manifest.MinPlatformVersion}' is not major.minor.patch"));
        return errors.Count > 0 ? null : manifest;
    }

    private static List<PackageFile<JsonNode>> JsonFiles(IReadOnlyDictionary<string, string> files, string folder, List<PackageError> errors) =>
        files.Where(f => InFolder(f.Key, folder) && f.Key.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => Parse(f.Key, f.Value, errors) is { } node ? new PackageFile<JsonNode>(f.Key, node) : null)
            .OfType<PackageFile<JsonNode>>()
            .ToList();

    private static JsonNode? OptionalJson(IReadOnlyDictionary<string, string> files, string path, List<PackageError> errors) =>
        files.TryGetValue(path, out var text) ? Parse(path, text, errors) : null;

    private static JsonNode? Parse(string path, string text, List<PackageError> errors)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: DocumentOptions) ?? throw new JsonException("the file is empty");
        }
        catch (JsonException e)
        {
            errors.Add(new PackageError(path, $"not valid JSON: {e.Message}"));
            return null;
        }
    }

    private static bool InFolder(string path, string folder) => path.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);

    private static string Normalize(string path) => path.Replace('\\', '/').TrimStart('/');

    /// <summary>Zips made by "compress folder" put everything under one top folder; accept both shapes.</summary>
    private static Dictionary<string, string> StripCommonRoot(Dictionary<string, string> files)
    {
        if (files.ContainsKey("manifest.json")) return files;
        var manifest = files.Keys.FirstOrDefault(k => k.EndsWith("/manifest.json", StringComparison.Ordinal) && k.Count(c => c == '/') == 1);
        if (manifest is null) return files;
        var root = manifest[..(manifest.IndexOf('/') + 1)];
        return files.Where(f => f.Key.StartsWith(root, StringComparison.Ordinal)).ToDictionary(f => f.Key[root.Length..], f => f.Value);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{1,47}$")]
    private static partial Regex IdPattern();
}
