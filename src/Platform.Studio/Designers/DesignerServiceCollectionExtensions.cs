using Platform.Studio.Designers.Dashboards;
using Platform.Studio.Designers.Forms;
using Platform.Studio.Designers.Reports;
using Platform.Studio.Localization;

namespace Platform.Studio.Designers;

public static class DesignerServiceCollectionExtensions
{
    /// <summary>The form, report and dashboard designers (needs AddForms, AddReports and AddStudioRuntime).</summary>
    public static IServiceCollection AddStudioDesigners(this IServiceCollection services)
    {
        services.AddSingleton<IStudioTextSource, DesignerTexts>();
        services.AddSingleton<FormDesignChecks>();
        services.AddSingleton<FormDesigner>();
        services.AddSingleton<ReportDesigner>();
        services.AddSingleton<DashboardDesigner>();
        services.AddSingleton<Versions.DefinitionVersions>();
        return services;
    }
}
