using Platform.Core.Organization;
using Platform.Packages.Format;
using Platform.Workflow.Definitions;

namespace Platform.Packages.Install;

/// <summary>
/// Installs a package's BPMN workflows. A changed flow becomes a new published version, so running instances stay
/// on the version they started with; a flow the customer changed in the Studio is kept and reported.
/// </summary>
internal sealed class WorkflowInstaller(IWorkflowDefinitions workflows)
{
    /// <summary>Structure and expression checks before anything is written.</summary>
    public async Task CheckAsync(AppPackage package, List<PackageError> errors, CancellationToken ct)
    {
        foreach (var file in package.Workflows)
            foreach (var error in await workflows.ValidateAsync(file.Content, ct))
                errors.Add(new PackageError(file.Path, error.ToString()));
    }

    public async Task<List<string>> InstallAsync(AppPackage package, Dictionary<string, string> hashes, List<CustomerChange> changes, CancellationToken ct)
    {
        var published = new List<string>();
        var errors = new List<PackageError>();
        foreach (var file in package.Workflows)
        {
            var key = KeyOf(file.Path);
            var current = await workflows.ExportAsync(key, null, ct);
            var hash = InstallDecision.Hash(file.Content);
            // A retired flow (its app was uninstalled) has no current version: reinstalling publishes it again.
            var retired = current is not null && (await workflows.VersionsAsync(key, ct)).All(v => !v.IsCurrent);
            if (!InstallDecision.Decide(file.Path, "workflows/" + key, key, hash, current is null || retired ? null : InstallDecision.Hash(current), hashes, changes))
                continue;
            try
            {
                await workflows.ImportAsync(file.Content, key, UserContext.System, ct);
                await workflows.PublishAsync(key, UserContext.System, ct);
                published.Add(key);
            }
            catch (WorkflowDefinitionException e)
            {
                errors.AddRange(e.Errors.Select(x => new PackageError(file.Path, x.ToString())));
            }
        }
        if (errors.Count > 0) throw new PackageValidationException(errors);
        return published;
    }

    /// <summary>The file name without extension is the workflow key (workflows/quote_approval.bpmn → quote_approval).</summary>
    public static string KeyOf(string path) => Path.GetFileNameWithoutExtension(path);
}
