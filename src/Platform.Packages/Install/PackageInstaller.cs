using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Apps;
using Platform.Forms.Definitions;
using Platform.Packages.Format;
using Platform.Packages.Menus;
using Platform.Packages.SampleData;

namespace Platform.Packages.Install;

/// <summary>
/// Installs or upgrades an app from a package. Everything is checked first (all errors, each with its file);
/// only a package that passes is written. An upgrade publishes new form versions (removed fields are retired, so
/// stored values stay) and leaves any definition the customer changed since the last install untouched, reporting it.
/// </summary>
public sealed class PackageInstaller(
    IFormDefinitions definitions,
    FormPlanner planner,
    InstalledPackages installed,
    IServiceProvider services,
    TimeProvider time)
{
    /// <summary>The platform version packages are checked against (manifest minPlatformVersion).</summary>
    public static SemVer PlatformVersion { get; } = SemVer.Parse("1.0.0");

    public async Task<InstallResult> InstallAsync(AppPackage package, InstallOptions options, CancellationToken ct)
    {
        var manifest = package.Manifest;
        var app = manifest.Id;
        var errors = new List<PackageError>();
        var previous = await installed.GetAsync(app, ct);
        CheckVersions(manifest, previous, errors);
        var roles = PackageRolesReader.Read(package.Roles, errors);
        var forms = planner.Plan(package, roles, errors);
        var current = new Dictionary<string, FormDefinition>();
        foreach (var form in forms)
            if (await definitions.GetPublishedAsync(app, form.Definition.Key, ct) is { } published)
            {
                current[form.Definition.Key] = published;
                CheckImmutableTypes(form, published, errors);
            }
        var reportInstaller = services.GetRequiredService<ReportInstaller>();
        reportInstaller.Check(package, errors);
        var workflowInstaller = services.GetRequiredService<WorkflowInstaller>();
        await workflowInstaller.CheckAsync(package, errors, ct);
        var menuInstaller = services.GetRequiredService<MenuInstaller>();
        var menu = await menuInstaller.CheckAsync(package, forms, roles, errors, ct);
        if (errors.Count > 0) throw new PackageValidationException(errors);

        await definitions.SaveAppAsync(new AppInfo(app, ToFormsText(manifest.Name), manifest.Description?.Zh, manifest.Icon), ct);
        var rolesCreated = await EnsureRolesAsync(roles, ct);

        var hashes = new Dictionary<string, string>(previous?.Hashes ?? new Dictionary<string, string>());
        List<string> created = [], updated = [], unchanged = [];
        var changes = new List<CustomerChange>();
        foreach (var form in forms)
        {
            var key = form.Definition.Key;
            var hashKey = "forms/" + key;
            if (!current.TryGetValue(key, out var published))
            {
                await PublishAsync(form, ct);
                created.Add(key);
                hashes[hashKey] = form.Hash;
                continue;
            }
            var currentHash = planner.Hash(published);
            if (currentHash == form.Hash) { unchanged.Add(key); hashes[hashKey] = form.Hash; continue; }
            if (!hashes.TryGetValue(hashKey, out var installedHash) || installedHash != currentHash)
            {
                changes.Add(new CustomerChange(form.File, key, installedHash is null
                    ? "the app already has this form and it was not installed by this package; left as it is"
                    : "changed in the Studio since the package installed it; left as it is (compare and merge by hand)"));
                continue;
            }
            await PublishAsync(form, ct);
            updated.Add(key);
            hashes[hashKey] = form.Hash;
        }

        List<string> reportsPublished, workflowsPublished;
        bool menuInstalled;
        try
        {
            reportsPublished = await reportInstaller.InstallAsync(package, hashes, changes, ct);
            workflowsPublished = await workflowInstaller.InstallAsync(package, hashes, changes, ct);
            menuInstalled = await menuInstaller.InstallAsync(app, menu, hashes, changes, time.GetUtcNow(), ct);
        }
        finally { await installed.SaveAsync(app, manifest.Id, manifest.Version, hashes, time.GetUtcNow(), ct); }
        // Sample data only into an empty app: a reinstall after an uninstall finds the customer's records again.
        var password = options.SampleUserPassword ?? SampleUsers.NewPassword();
        var sample = options.WithSampleData && previous is null && (await services.GetRequiredService<IFormRetirement>().CountRecordsAsync(app, ct)).Count == 0
            ? await services.GetRequiredService<SampleDataGenerator>().GenerateAsync(package, options.SampleDataScale, password, ct)
            : new SampleDataResult(0, 0);
        return new InstallResult(app, previous?.Version, manifest.Version, created, updated, unchanged, changes, rolesCreated, sample.Records)
        {
            SampleUsers = sample.Users,
            SampleUserPassword = sample.Users > 0 ? password : null,
            ReportsPublished = reportsPublished,
            WorkflowsPublished = workflowsPublished,
            MenuInstalled = menuInstalled,
        };
    }

    private async Task PublishAsync(PlannedForm form, CancellationToken ct)
    {
        try
        {
            await definitions.SaveDraftAsync(form.Definition, UserContext.System, ct);
            await definitions.PublishAsync(form.Definition.App, form.Definition.Key, UserContext.System, ct);
        }
        catch (DefinitionException e)
        {
            throw new PackageValidationException(e.Errors.Select(m => new PackageError(form.File, m)).ToList());
        }
    }

    private static void CheckVersions(PackageManifest manifest, InstalledPackage? previous, List<PackageError> errors)
    {
        if (SemVer.Parse(manifest.MinPlatformVersion).CompareTo(PlatformVersion) > 0)
            errors.Add(new PackageError("manifest.json", $"needs platform {manifest.MinPlatformVersion}; this platform is {PlatformVersion}"));
        if (previous is null) return;
        if (previous.PackageId != manifest.Id)
            errors.Add(new PackageError("manifest.json", $"app '{manifest.Id}' was installed from package '{previous.PackageId}'"));
        if (SemVer.Parse(manifest.Version).CompareTo(SemVer.Parse(previous.Version)) < 0)
            errors.Add(new PackageError("manifest.json", $"version {manifest.Version} is older than the installed {previous.Version}; downgrades are refused"));
    }

    private static void CheckImmutableTypes(PlannedForm form, FormDefinition published, List<PackageError> errors)
    {
        foreach (var field in form.Definition.Fields)
            if (published.Field(field.Key) is { } old && old.Type != field.Type)
                errors.Add(new PackageError(form.File, $"field '{field.Key}' is a {old.Type} in the installed app and cannot become a {field.Type}; add a new field instead"));
    }

    private async Task<List<string>> EnsureRolesAsync(IReadOnlyList<PackageRole> roles, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<IOrganizationAdmin>();
        var existing = (await admin.ListRolesAsync(ct)).Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var created = new List<string>();
        foreach (var role in roles.Where(r => !existing.Contains(r.Key)))
        {
            await admin.CreateRoleAsync(role.Key, role.DisplayName, ct);
            created.Add(role.Key);
        }
        return created;
    }

    internal static Platform.Forms.Definitions.LocalizedText ToFormsText(Format.LocalizedText text) => new(text.En ?? text.Zh, text.Zh);
}
