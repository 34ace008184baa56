using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Expressions;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Reports.Definitions;
using Platform.Studio.Designers.Forms;
using Platform.Studio.Localization;
using Platform.Studio.Runtime;
using Platform.Studio.Tests.Components;

namespace Platform.Studio.Tests.Designers;

/// <summary>bUnit with the designers' real services on the fixture's database, signed in as an administrator.</summary>
public abstract class DesignerComponentContext : StudioComponentContext
{
    protected DesignerComponentContext(DesignerFixture fixture)
    {
        Fixture = fixture;
        AddAuthorization().SetAuthorized("admin");
        var sp = fixture.Services;
        Services.AddSingleton<IStudioTextSource, RuntimeTexts>();
        Services.AddSingleton<IUserContextResolver>(new AdminResolver());
        Services.AddScoped<CurrentUser>();
        Services.AddSingleton(sp.GetRequiredService<IFormDefinitions>());
        Services.AddSingleton(sp.GetRequiredService<IReportDefinitions>());
        Services.AddSingleton(sp.GetRequiredService<IExpressionSandbox>());
        Services.AddSingleton(sp.GetRequiredService<RegionTable>());
        Services.AddSingleton(sp.GetRequiredService<FieldRules>());
        Services.AddSingleton(sp.GetRequiredService<FormDesigner>());
    }

    protected DesignerFixture Fixture { get; }

    /// <summary>Generous: a loaded 2-core CI machine can starve the renderer's dispatcher for seconds.</summary>
    protected static TimeSpan Patience { get; } = TimeSpan.FromSeconds(30);

    private sealed class AdminResolver : IUserContextResolver
    {
        public ValueTask<UserContext?> ResolveAsync(ClaimsPrincipal principal, CancellationToken ct) =>
            ValueTask.FromResult<UserContext?>(principal.Identity?.IsAuthenticated == true ? UserContext.System : null);
    }
}
