using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Queries;
using Platform.Forms.Records;
using Platform.Studio.Runtime;
using Platform.Workflow.Definitions;
using Platform.Workflow.Records;
using Platform.Workflow.Runtime;

namespace Platform.Studio.Designers.Workflow;

/// <summary>A field of the trigger form as the rule builder and field-access editor offer it.</summary>
public sealed record DesignerField(string Key, string Label, string Type, IReadOnlyList<(string Key, string Label)> Options);

/// <summary>A problem found before publishing, pointing at a diagram element when it names one.</summary>
public sealed record DesignerProblem(string? ElementId, string Message);

/// <summary>
/// What the workflow designer pages do with the engines: drafts, validation, publishing, versions, test runs and
/// instances. Each call opens its own DI scope so a long-lived circuit never holds a stale DbContext; every engine call
/// carries the signed-in user so the engines' permission checks apply.
/// </summary>
public sealed class WorkflowDesignerService(IServiceScopeFactory scopes, CurrentUser currentUser, WorkflowDryRun dryRun)
{
    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken ct) =>
        WithDefinitions((d, _) => d.ListAsync(ct), ct);

    /// <summary>The draft with a diagram (generated when the stored BPMN has none); null for an unknown workflow.</summary>
    public async Task<string?> LoadDraftAsync(string key, CancellationToken ct)
    {
        var xml = await WithDefinitions((d, _) => d.ExportAsync(key, null, ct), ct);
        return xml is null ? null : BpmnLayout.EnsureLayout(xml);
    }

    public async Task<string?> LoadVersionAsync(string key, int version, CancellationToken ct)
    {
        var xml = await WithDefinitions((d, _) => d.ExportAsync(key, version, ct), ct);
        return xml is null ? null : BpmnLayout.EnsureLayout(xml);
    }

    public Task<DefinitionSummary> SaveDraftAsync(string key, string xml, CancellationToken ct) =>
        WithDefinitions((d, user) => d.SaveDraftAsync(key, xml, user, ct), ct);

    public Task<IReadOnlyList<PublishedVersion>> VersionsAsync(string key, CancellationToken ct) =>
        WithDefinitions((d, _) => d.VersionsAsync(key, ct), ct);

    /// <summary>Parse and publish-validation problems of <paramref name="xml"/>, in the UI language.</summary>
    public async Task<IReadOnlyList<DesignerProblem>> ValidateAsync(string xml, CancellationToken ct)
    {
        var errors = await WithDefinitions((d, _) => d.ValidateAsync(xml, ct), ct);
        return errors.Select(Problem).ToList();
    }

    /// <summary>Saves the draft and publishes it; the problems instead when it does not validate.</summary>
    public async Task<(PublishedVersion? Version, IReadOnlyList<DesignerProblem> Problems)> PublishAsync(string key, string xml, CancellationToken ct)
    {
        try
        {
            return await WithDefinitions(async (d, user) =>
            {
                await d.SaveDraftAsync(key, xml, user, ct);
                return ((PublishedVersion?)await d.PublishAsync(key, user, ct), (IReadOnlyList<DesignerProblem>)[]);
            }, ct);
        }
        catch (WorkflowDefinitionException e)
        {
            return (null, e.Errors.Select(Problem).ToList());
        }
    }

    public static DesignerProblem Problem(DefinitionError e) => new(e.ElementId, Chinese ? e.MessageZh : e.Message);

    /// <summary>Fields of the form (published, else draft) for rule builders; empty when the form is unknown.</summary>
    public async Task<IReadOnlyList<DesignerField>> FieldsAsync(string? appForm, CancellationToken ct)
    {
        var parts = appForm?.Split('/', 2);
        if (parts is not { Length: 2 }) return [];
        await using var scope = scopes.CreateAsyncScope();
        var forms = scope.ServiceProvider.GetRequiredService<IFormDefinitions>();
        var definition = await forms.GetPublishedAsync(parts[0], parts[1], ct) ?? await forms.GetDraftAsync(parts[0], parts[1], ct);
        var culture = CultureInfo.CurrentUICulture.Name;
        return definition?.Fields.Select(f => new DesignerField(f.Key, f.Label.For(culture), f.Type,
            f.Options?.Select(o => (o.Key, o.Label.For(culture))).ToList() ?? [])).ToList() ?? [];
    }

    /// <summary>Forms of an app as "app/form" with their names, for trigger pickers.</summary>
    public async Task<IReadOnlyList<(string Value, string Label)>> FormsAsync(string app, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var forms = scope.ServiceProvider.GetRequiredService<IFormDefinitions>();
        var culture = CultureInfo.CurrentUICulture.Name;
        return (await forms.ListFormsAsync(app, ct)).Select(f => ($"{app}/{f.Key}", f.Name.For(culture))).ToList();
    }

    /// <summary>Records of the trigger form the user may read (newest first), for the test-run picker.</summary>
    public async Task<IReadOnlyList<RecordTitle>> RecordsAsync(string appForm, string? keyword, CancellationToken ct)
    {
        var parts = appForm.Split('/', 2);
        if (parts.Length != 2) return [];
        var user = await currentUser.RequireAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IRecordQueries>().LookupAsync(user, parts[0], parts[1], keyword, null, 20, ct);
    }

    /// <summary>Test-runs <paramref name="xml"/> on a record read with the user's own permissions; nothing is started.</summary>
    public async Task<DryRunResult> TestRunAsync(string xml, string? appForm, Guid? recordId, TaskOutcome outcome, CancellationToken ct)
    {
        WorkflowRecord? record = null;
        if (recordId is { } id && appForm?.Split('/', 2) is [var app, var form])
        {
            var user = await currentUser.RequireAsync(ct);
            await using var scope = scopes.CreateAsyncScope();
            var found = await scope.ServiceProvider.GetRequiredService<IRecordStore>().GetAsync(user, app, form, id, ct)
                ?? throw new WorkflowNotFoundException("The record does not exist or you may not read it. / 记录不存在或无权查看。");
            record = new WorkflowRecord(found.Id, found.App, found.Form, found.Data, found.Title, found.OwnerId, found.DepartmentId, found.PartnerId,
                found.CreatedBy, found.CreatedAt.UtcDateTime, found.UpdatedAt.UtcDateTime, found.Version);
        }
        return dryRun.Run(xml, record, new JsonObject(), outcome, ct);
    }

    public async Task<IReadOnlyList<InstanceSummary>> InstancesAsync(string key, CancellationToken ct)
    {
        var user = await currentUser.RequireAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IInstanceView>().ListAsync(key, null, user, 50, ct);
    }

    public async Task<InstanceView> InstanceAsync(Guid id, CancellationToken ct)
    {
        var user = await currentUser.RequireAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IInstanceView>().GetAsync(id, user, ct);
    }

    private async Task<T> WithDefinitions<T>(Func<IWorkflowDefinitions, UserContext, Task<T>> action, CancellationToken ct)
    {
        var user = await currentUser.RequireAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IWorkflowDefinitions>(), user);
    }
}
