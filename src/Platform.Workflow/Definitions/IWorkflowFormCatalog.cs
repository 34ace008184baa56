namespace Platform.Workflow.Definitions;

/// <summary>What workflow validation needs to know about forms: their field keys.</summary>
public interface IWorkflowFormCatalog
{
    /// <summary>The form's field keys, or null when the form is unknown to this catalog (checks are then skipped).</summary>
    Task<IReadOnlySet<string>?> GetFieldKeysAsync(string appKey, string formKey, CancellationToken ct);
}

/// <summary>Used until a forms-backed catalog is registered: knows no form, so field checks are skipped.</summary>
internal sealed class NoFormCatalog : IWorkflowFormCatalog
{
    public Task<IReadOnlySet<string>?> GetFieldKeysAsync(string appKey, string formKey, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<string>?>(null);
}
