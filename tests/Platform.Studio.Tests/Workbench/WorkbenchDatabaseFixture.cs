using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Database;
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
    protected override string TemplateName => "tpl_studio_workbench2";

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddPlatformIdentity();
        services.AddForms();
        services.AddWorkflow();
        services.AddSingleton<OrgOptions>();
        services.AddSingleton<RecordWorkflows>();
        services.AddSingleton<Notifications>();
        services.AddPlatformDbContext<Platform.Studio.Runtime.Storage.StudioDbContext>(Platform.Studio.Runtime.Storage.StudioDbContext.Schema, Platform.Studio.Runtime.Storage.StudioDbContext.MigrationOrder);
        services.AddSingleton<Platform.Studio.Runtime.Lists.SavedViews>();
        services.AddSingleton<Platform.Studio.Runtime.Lists.BulkActions>();
        services.AddSingleton<Platform.Studio.Runtime.Lists.RecordBoard>();
        services.AddSingleton<Platform.Studio.Runtime.Records.RecordComments>();
        services.AddSingleton<LiveFormulas>();
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<UserContext> NewUserAsync(string name, string? role = null) => InScopeAsync(async sp =>
    {
        var id = await sp.GetRequiredService<IOrganizationAdmin>().CreateUserAsync(
            new NewUser($"{Guid.NewGuid():N}@example.com", name, "Workbench-pass-2024", Roles: role is null ? null : [role]), CancellationToken.None);
        return (await sp.GetRequiredService<IOrgDirectory>().GetUserContextAsync(id, CancellationToken.None))!;
    });

    /// <summary>What the user may do on the published form, as the list and record pages see it.</summary>
    public async Task<FormContext> ContextAsync(UserContext user, string app, string form)
    {
        var definition = (await Get<IFormDefinitions>().GetPublishedAsync(app, form, CancellationToken.None))!;
        return new FormContext(user, definition, Get<Platform.Forms.Permissions.IRecordPermissions>().Resolve(user, definition));
    }

    public Task PublishFormAsync(string app, string form, IReadOnlyList<RoleGrant>? permissions = null) => InScopeAsync(async sp =>
    {
        var definitions = sp.GetRequiredService<IFormDefinitions>();
        await definitions.SaveAppAsync(new AppInfo(app, new LocalizedText(app, app)), CancellationToken.None);
        await definitions.SaveDraftAsync(new FormDefinition
        {
            App = app,
            Key = form,
            Name = new LocalizedText("Deal", "商机"),
            TitleField = "name",
            Fields =
            [
                new FieldDefinition { Key = "name", Type = "text", Label = new LocalizedText("Name", "名称") },
                new FieldDefinition
                {
                    Key = "stage", Type = "select", Label = new LocalizedText("Stage", "阶段"),
                    Options = [new OptionDefinition("new", new LocalizedText("New", "新建"), "#1976d2"), new OptionDefinition("won", new LocalizedText("Won", "赢单"), "#2e7d32")],
                },
            ],
            Permissions = permissions,
        }, UserContext.System, CancellationToken.None);
        return await definitions.PublishAsync(app, form, UserContext.System, CancellationToken.None);
    });
}
