using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Platform.Studio.Localization;

/// <summary>The Studio speaks Chinese (zh-CN) by default; English on request, remembered in a cookie.</summary>
public static class StudioCultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly string[] Supported = [Chinese, English];

    public static IServiceCollection AddStudioLocalization(this IServiceCollection services)
    {
        services.AddSingleton<IStudioText, StudioText>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Chinese).AddSupportedCultures(Supported).AddSupportedUICultures(Supported);
            // The browser's language is ignored on purpose: the default is Chinese until someone switches.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>GET /culture/{culture}?returnUrl=/: stores the choice in the culture cookie and goes back.</summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            if (!Supported.Contains(culture, StringComparer.OrdinalIgnoreCase)) return Results.BadRequest();
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(Auth.AccountEndpoints.SafeReturnUrl(returnUrl));
        }).AllowAnonymous();
        return app;
    }

    public static bool IsChinese(CultureInfo culture) => culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
}
