using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Packages.Format;
using Platform.Packages.Install;
using Platform.Packages.Menus;
using Platform.Reports.Definitions;
using Platform.Workflow.Definitions;

namespace Platform.Packages.Export;

/// <summary>
/// Writes an installed app back out as a package: manifest, every published form (with its role grants inside the
/// form file), reports, dashboards, workflows, the menu and the roles they name. Installing the result elsewhere gives the same definitions.
/// </summary>
public sealed partial class PackageExporter(IFormDefinitions definitions, FormDefinitionParser parser, InstalledPackages installed,
    IReportDefinitions reports, ReportDefinitionParser reportParser, IServiceProvider services)
{
    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The package's files (relative path → text); <paramref name="version"/> defaults to the installed one.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ExportAsync(string app, string? version, CancellationToken ct)
    {
        var info = await definitions.GetAppAsync(app, ct)
            ?? throw new PackageValidationException([new PackageError("manifest.json", $"there is no app '{app}'")]);
        var package = await installed.GetAsync(app, ct);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var manifest = new JsonObject
        {
            ["id"] = app,
            ["name"] = new JsonObject { ["zh"] = info.Name.Zh, ["en"] = info.Name.En },
            ["version"] = version ?? package?.Version ?? "1.0.0",
            ["minPlatformVersion"] = PackageInstaller.PlatformVersion.ToString(),
        };
        if (info.Description is { } d) manifest["description"] = new JsonObject { ["zh"] = d, ["en"] = d };
        if (info.Icon is { } icon) manifest["icon"] = icon;
        files["manifest.json"] = manifest.ToJsonString(Pretty) + "\n";

        var roleKeys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var summary in await definitions.ListFormsAsync(app, ct))
        {
            if (await definitions.GetPublishedAsync(app, summary.Key, ct) is not { } form) continue;
            var node = JsonNode.Parse(parser.Serialize(form with { Version = 0, Retired = null }))!;
            files[$"forms/{form.Key}.json"] = node.ToJsonString(Pretty) + "\n";
            foreach (var grant in form.Permissions ?? []) roleKeys.Add(grant.Role);
        }

        foreach (var summary in await reports.ListAsync(app, ct))
        {
            if (summary.PublishedVersion is null) continue;
            if (summary.Kind == "dashboard" && await reports.GetDashboardAsync(app, summary.Key, null, ct) is { } dashboard)
                files[$"dashboards/{summary.Key}.json"] = JsonNode.Parse(reportParser.Serialize(dashboard with { Version = 0 }))!.ToJsonString(Pretty) + "\n";
            else if (summary.Kind != "dashboard" && await reports.GetReportAsync(app, summary.Key, null, ct) is { } report)
                files[$"reports/{summary.Key}.json"] = JsonNode.Parse(reportParser.Serialize(report with { Version = 0 }))!.ToJsonString(Pretty) + "\n";
        }

        await using var scope = services.CreateAsyncScope();
        foreach (var (key, bpmn) in await WorkflowsOfAsync(scope.ServiceProvider.GetRequiredService<IWorkflowDefinitions>(), app, package, ct))
        {
            files[$"workflows/{key}.bpmn"] = bpmn;
            foreach (System.Text.RegularExpressions.Match m in RoleReference().Matches(bpmn)) roleKeys.Add(m.Groups[1].Value);
        }
        if (await scope.ServiceProvider.GetRequiredService<AppMenus>().GetAsync(app, ct) is { } menu)
        {
            files["menus.json"] = MenuReader.Serialize(menu);
            foreach (var role in menu.Groups.SelectMany(g => g.Roles.Concat(g.Items.SelectMany(i => i.Roles)))) roleKeys.Add(role);
        }
        var roles = (await scope.ServiceProvider.GetRequiredService<IOrganizationAdmin>().ListRolesAsync(ct))
            .ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        var roleArray = new JsonArray(roleKeys.Select(k => (JsonNode?)new JsonObject
        {
            ["key"] = k,
            ["name"] = new JsonObject { ["zh"] = roles.TryGetValue(k, out var r) ? r.DisplayName : k },
        }).ToArray());
        files["roles.json"] = roleArray.ToJsonString(Pretty) + "\n";
        return files;
    }

    /// <summary>
    /// The app's workflows: those its package installed, and any other whose BPMN names one of the app's forms
    /// (drawn in the Studio later). Each as its current published version, else its draft.
    /// </summary>
    internal static async Task<List<(string Key, string Bpmn)>> WorkflowsOfAsync(IWorkflowDefinitions workflows, string app,
        InstalledPackage? package, CancellationToken ct)
    {
        var installedKeys = (package?.Hashes.Keys ?? []).Where(k => k.StartsWith("workflows/", StringComparison.Ordinal))
            .Select(k => k["workflows/".Length..]).ToHashSet(StringComparer.Ordinal);
        var result = new List<(string, string)>();
        foreach (var summary in await workflows.ListAsync(ct))
        {
            var current = (await workflows.VersionsAsync(summary.Key, ct)).FirstOrDefault(v => v.IsCurrent);
            if (await workflows.ExportAsync(summary.Key, current?.Version, ct) is not { } bpmn) continue;
            if (installedKeys.Contains(summary.Key) || bpmn.Contains($"\"{app}/", StringComparison.Ordinal))
                result.Add((summary.Key, bpmn));
        }
        return result;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:role:|lc:role="")([a-z0-9_]+)")]
    private static partial System.Text.RegularExpressions.Regex RoleReference();

    /// <summary>Writes the package to a folder, or to a zip when <paramref name="path"/> ends in .zip.</summary>
    public async Task WriteAsync(string app, string path, string? version, CancellationToken ct)
    {
        var files = await ExportAsync(app, version, ct);
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            if (File.Exists(path)) File.Delete(path);
            await using var stream = File.Create(path);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
            foreach (var (name, text) in files)
            {
                await using var entry = zip.CreateEntry(name).Open();
                await using var writer = new StreamWriter(entry);
                await writer.WriteAsync(text);
            }
            return;
        }
        foreach (var (name, text) in files)
        {
            var target = Path.Combine(path, name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllTextAsync(target, text, ct);
        }
    }
}
