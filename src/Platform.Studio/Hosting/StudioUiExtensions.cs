using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using MudBlazor.Services;
using Platform.Studio.Components;
using Platform.Studio.Components.Account;
using Platform.Studio.Components.Home;
using Platform.Studio.Localization;

namespace Platform.Studio.Hosting;

public static class StudioUiExtensions
{
    /// <summary>Blazor (interactive server), MudBlazor and the shell's services.</summary>
    public static IServiceCollection AddStudioUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Chinese text goes out as UTF-8 characters, not as &#x…; entities three times the size.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddMudServices();
        services.AddProblemDetails();
        services.AddAntiforgery();
        services.AddScoped<IStudioAppCatalog, StudioAppCatalog>();
        services.AddSingleton<MyApiTokens>();
        return services;
    }

    /// <summary>Middleware in the order they must run.</summary>
    public static WebApplication UseStudioPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapStudioUi(this WebApplication app)
    {
        app.MapCultureSwitch();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
