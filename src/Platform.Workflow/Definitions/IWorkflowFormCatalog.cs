using Platform.Forms.Definitions;

namespace Platform.Workflow.Definitions;

/// <summary>What workflow validation needs to know about forms: their field keys.</summary>
public interface IWorkflowFormCatalog
{
    /// <summary>The form's field keys, or null when the form is unknown to this catalog (checks are then skipped).</summary>
    Task<IReadOnlySet<string>?> GetFieldKeysAsync(string appKey, string formKey, CancellationToken ct);
}

/// <summary>
/// The published form definitions. A form that is not published yet is unknown (null): a package may publish its
/// workflows before a form's first version, and the record writes of such a workflow are refused at run time anyway.
/// </summary>
internal sealed class FormsWorkflowCatalog(IFormDefinitions forms) : IWorkflowFormCatalog
{
    public async Task<IReadOnlySet<string>?> GetFieldKeysAsync(string appKey, string formKey, CancellationToken ct) =>
        await forms.GetPublishedAsync(appKey, formKey, ct) is { } form ? form.Fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal) : null;
}
