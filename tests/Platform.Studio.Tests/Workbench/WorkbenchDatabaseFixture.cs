using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Forms;
using Platform.Forms.Apps;
using Platform.Forms.Definitions;
using Platform.Studio.Runtime;
using Platform.Studio.Runtime.Workflow;
using Platform.Testing;
using Platform.Workflow;

namespace Platform.Studio.Tests.Workbench;

/// <summary>Real PostgreSQL with identity, forms and the workflow engine, plus the Studio's workflow services.</summary>
public sealed class WorkbenchDatabaseFixture : DatabaseFixture
{
    protected override string TemplateName => "tpl_studio_workbench";

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddPlatformIdentity();
        services.AddForms();
        services.AddWorkflow();
        services.AddSingleton<OrgOptions>();
        services.AddSingleton<RecordWorkflows>();
        services.AddSingleton<Notifications>();
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<UserContext> NewUserAsync(string name) => InScopeAsync(async sp =>
    {
        var id = await sp.GetRequiredService<IOrganizationAdmin>().CreateUserAsync(
            new NewUser($"{Guid.NewGuid():N}@example.com", name, "Workbench-pass-2024"), CancellationToken.None);
        return (await sp.GetRequiredService<IOrgDirectory>().GetUserContextAsync(id, CancellationToken.None))!;
    });

    public Task PublishFormAsync(string app, string form) => InScopeAsync(async sp =>
    {
        var definitions = sp.GetRequiredService<IFormDefinitions>();
        await definitions.SaveAppAsync(new AppInfo(app, new LocalizedText(app, app)), CancellationToken.None);
        await definitions.SaveDraftAsync(new FormDefinition
        {
            App = app,
            Key = form,
            Name = new LocalizedText("Deal", "商机"),
            TitleField = "name",
            Fields = [new FieldDefinition { Key = "name", Type = "text", Label = new LocalizedText("Name", "名称") }],
        }, UserContext.System, CancellationToken.None);
        return await definitions.PublishAsync(app, form, UserContext.System, CancellationToken.None);
    });
}
