using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Forms;
using Platform.Forms.Apps;
using Platform.Forms.Definitions;
using Platform.Reports;
using Platform.Studio.Designers;
using Platform.Studio.Runtime;
using Platform.Testing;

namespace Platform.Studio.Tests.Designers;

/// <summary>A migrated database with the form and report engines and the designers' services, and one app to design in.</summary>
public sealed class DesignerFixture : DatabaseFixture
{
    public const string App = "design";

    protected override string TemplateName => "tpl_studio_designers";

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddPlatformIdentity();
        services.AddForms();
        services.AddReports();
        services.AddSingleton<FieldRules>();
        services.AddStudioDesigners();
    }

    protected override async Task OnInitializedAsync() =>
        await Services.GetRequiredService<IFormDefinitions>().SaveAppAsync(new AppInfo(App, new LocalizedText("Design", "设计")), CancellationToken.None);

    public static UserContext Admin => UserContext.System;
}
