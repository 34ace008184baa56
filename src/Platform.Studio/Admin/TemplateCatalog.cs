using Platform.Packages.Format;

namespace Platform.Studio.Admin;

/// <summary>
/// The packages shipped with the platform: each folder with a manifest under the first <c>templates</c> folder found
/// above the working or program directory (configurable as <c>Platform:Templates:Folder</c>).
/// </summary>
public sealed class TemplateCatalog(IConfiguration configuration)
{
    public IReadOnlyList<ShippedTemplate> List()
    {
        if (Root() is not { } root) return [];
        var list = new List<ShippedTemplate>();
        foreach (var dir in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            if (!File.Exists(Path.Combine(dir, "manifest.json"))) continue;
            try
            {
                var m = PackageReader.Read(dir).Manifest;
                list.Add(new ShippedTemplate(Path.GetFileName(dir), m.Id, m.Name.Zh, m.Name.En, m.Version, m.Description?.Zh, m.Description?.En));
            }
            catch (PackageValidationException)
            {
                // A broken shipped package is left out of the list; installing it by name still reports its errors.
            }
        }
        return list;
    }

    /// <summary>The folder of a listed template; the name must be one of <see cref="List"/>, never a path.</summary>
    public string PathOf(string folder) =>
        Root() is { } root && List().Any(t => t.Folder == folder) ? Path.Combine(root, folder)
            : throw new ArgumentException($"No shipped template '{folder}'.", nameof(folder));

    private string? Root()
    {
        if (configuration["Platform:Templates:Folder"] is { Length: > 0 } configured)
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "templates");
                if (Directory.Exists(candidate)) return candidate;
            }
        return null;
    }
}
