using System.IO.Compression;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Packages.Export;
using Platform.Packages.Format;
using Platform.Packages.Install;

namespace Platform.Studio.Admin;

/// <summary>An app in the admin list, with the package it came from (null: built in the Studio).</summary>
public sealed record AdminApp(string Key, Platform.Forms.Definitions.LocalizedText Name, int FormCount, InstalledPackage? Package);

/// <summary>A package shipped under <c>templates/</c>.</summary>
public sealed record ShippedTemplate(string Folder, string Id, string NameZh, string? NameEn, string Version, string? DescriptionZh, string? DescriptionEn);

/// <summary>The install report: what was done, or every reason the package was refused (nothing written then).</summary>
public sealed record AppInstallOutcome(string Source, InstallResult? Result, IReadOnlyList<PackageError> Errors)
{
    public bool Succeeded => Result is not null;
}

/// <summary>Installs, upgrades and exports apps as packages for administrators; installs (also refused ones) are audited.</summary>
public sealed class AppAdministration(AdminScope admin, TemplateCatalog templates)
{
    /// <summary>Uploads above this are refused before reading; the channel CRM zips to well under 1 MB.</summary>
    public const long MaxUploadBytes = 20 * 1024 * 1024;
    private const long MaxUnpackedBytes = 100 * 1024 * 1024;
    private const int MaxEntries = 5000;

    public Task<IReadOnlyList<AdminApp>> ListAsync(UserContext actor, CancellationToken ct) =>
        admin.ReadAsync(actor, async sp =>
        {
            var definitions = sp.GetRequiredService<IFormDefinitions>();
            var installed = sp.GetRequiredService<InstalledPackages>();
            var apps = new List<AdminApp>();
            foreach (var app in await definitions.ListAppsAsync(ct))
                apps.Add(new AdminApp(app.Key, app.Name, (await definitions.ListFormsAsync(app.Key, ct)).Count,
                    await installed.GetAsync(app.Key, ct)));
            return (IReadOnlyList<AdminApp>)apps;
        });

    public IReadOnlyList<ShippedTemplate> ListTemplates(UserContext actor)
    {
        AdminPolicy.Require(actor);
        return templates.List();
    }

    public Task<AppInstallOutcome> InstallTemplateAsync(UserContext actor, string folder, bool withSampleData, CancellationToken ct)
    {
        AdminPolicy.Require(actor);
        var template = templates.List().FirstOrDefault(t => t.Folder == folder);
        if (template is null) return RefuseAsync(actor, folder, "no such shipped template / 没有这个内置模板", ct);
        return InstallAsync(actor, "templates/" + folder, () => PackageReader.Read(templates.PathOf(folder)), withSampleData, ct);
    }

    /// <summary>Installs an uploaded .zip; size and entry limits are checked before anything is unpacked.</summary>
    public async Task<AppInstallOutcome> InstallZipAsync(UserContext actor, string fileName, Stream zip, bool withSampleData, CancellationToken ct)
    {
        AdminPolicy.Require(actor);
        var temp = Path.Combine(Path.GetTempPath(), $"platform-upload-{Guid.NewGuid():N}.zip");
        try
        {
            await using (var file = File.Create(temp))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await zip.ReadAsync(buffer, ct)) > 0)
                {
                    total += read;
                    if (total > MaxUploadBytes)
                        return await RefuseAsync(actor, fileName, $"larger than {MaxUploadBytes / 1024 / 1024} MB / 文件超过 {MaxUploadBytes / 1024 / 1024} MB", ct);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            if (CheckZip(temp) is { } problem) return await RefuseAsync(actor, fileName, problem, ct);
            return await InstallAsync(actor, fileName, () => PackageReader.Read(temp), withSampleData, ct);
        }
        finally { File.Delete(temp); }
    }

    /// <summary>The app as a package zip (forms, roles, reports, dashboards), for download.</summary>
    public Task<byte[]> ExportZipAsync(UserContext actor, string app, CancellationToken ct) =>
        admin.RunAsync(actor, async sp =>
        {
            var files = await sp.GetRequiredService<PackageExporter>().ExportAsync(app, null, ct);
            using var buffer = new MemoryStream();
            using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
                foreach (var (name, text) in files)
                {
                    await using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                    await writer.WriteAsync(text);
                }
            return buffer.ToArray();
        }, bytes => AdminScope.Event(actor, "app.exported", app, $"{bytes.Length} bytes"), ct);

    private Task<AppInstallOutcome> InstallAsync(UserContext actor, string source, Func<AppPackage> read, bool withSampleData, CancellationToken ct) =>
        admin.RunAsync(actor, async sp =>
        {
            try
            {
                var package = read();
                var result = await sp.GetRequiredService<PackageInstaller>().InstallAsync(package, new InstallOptions(withSampleData), ct);
                return new AppInstallOutcome(source, result, []);
            }
            catch (PackageValidationException e)
            {
                return new AppInstallOutcome(source, null, e.Errors);
            }
        }, outcome => AdminScope.Event(actor, outcome.Succeeded ? (outcome.Result!.IsUpgrade ? "app.upgraded" : "app.installed") : "app.install_refused",
            outcome.Result?.AppKey ?? source, Describe(outcome)), ct);

    private static string? CheckZip(string path)
    {
        try
        {
            using var archive = ZipFile.OpenRead(path);
            if (archive.Entries.Count > MaxEntries) return $"more than {MaxEntries} files / 文件数超过 {MaxEntries}";
            if (archive.Entries.Sum(e => e.Length) > MaxUnpackedBytes) return "unpacks to more than 100 MB / 解压后超过 100 MB";
            return null;
        }
        catch (InvalidDataException)
        {
            return "not a valid .zip file / 不是有效的 .zip 文件";
        }
    }

    /// <summary>A refusal before the package could be read goes through the same path, so it is audited too.</summary>
    private Task<AppInstallOutcome> RefuseAsync(UserContext actor, string source, string message, CancellationToken ct) =>
        InstallAsync(actor, source, () => throw new PackageValidationException([new PackageError(source, message)]), false, ct);

    private static string Describe(AppInstallOutcome outcome) => outcome.Result is { } r
        ? $"source: {outcome.Source}; version {r.PreviousVersion ?? "-"} → {r.Version}; forms created {r.FormsCreated.Count}, updated {r.FormsUpdated.Count}, " +
          $"unchanged {r.FormsUnchanged.Count}; customer changes kept {r.CustomerChanges.Count}; sample records {r.SampleRecords}"
        : $"source: {outcome.Source}; " + string.Join("; ", outcome.Errors.Take(20));
}
