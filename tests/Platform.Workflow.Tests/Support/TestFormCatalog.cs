using Platform.Workflow.Definitions;

namespace Platform.Workflow.Tests.Support;

/// <summary>Knows one form (catalog/checked) so publish validation of field references can be tested.</summary>
internal sealed class TestFormCatalog : IWorkflowFormCatalog
{
    public Task<IReadOnlySet<string>?> GetFieldKeysAsync(string appKey, string formKey, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<string>?>(appKey == "catalog" && formKey == "checked" ? new HashSet<string> { "amount", "stage" } : null);
}
