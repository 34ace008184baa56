using Platform.Core.Database;
using Platform.Studio.Localization;

namespace Platform.Studio.Runtime;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>The pages end users work in every day: app pages, record lists, record forms and the to-do center.</summary>
    public static IServiceCollection AddStudioRuntime(this IServiceCollection services)
    {
        services.AddSingleton<IStudioTextSource, RuntimeTexts>();
        services.AddSingleton<FieldRules>();
        services.AddSingleton<LiveFormulas>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<FormContexts>();
        services.AddSingleton<OrgOptions>();
        services.AddSingleton<OrgNames>();
        services.AddSingleton<IStudioTextSource, Workflow.WorkflowTexts>();
        services.AddSingleton<Workflow.RecordWorkflows>();
        services.AddSingleton<Workflow.Notifications>();
        services.AddSingleton<IStudioTextSource, Dashboards.DashboardTexts>();
        services.AddSingleton<Dashboards.DashboardViews>();
        services.AddSingleton<IStudioTextSource, Lists.ListTexts>();
        services.AddSingleton<Lists.RecordBoard>();
        services.AddSingleton<Lists.BulkActions>();
        services.AddPlatformDbContext<Storage.StudioDbContext>(Storage.StudioDbContext.Schema, Storage.StudioDbContext.MigrationOrder);
        services.AddSingleton<Lists.SavedViews>();
        services.AddSingleton<Records.RecordComments>();
        services.AddSingleton<Components.Home.IStudioAppSource, FormAppSource>();
        return services;
    }
}
