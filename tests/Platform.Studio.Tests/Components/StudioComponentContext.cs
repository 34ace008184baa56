using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Platform.Studio.Localization;

namespace Platform.Studio.Tests.Components;

/// <summary>A bUnit context with MudBlazor, the Studio's texts and a UI culture chosen by the test.</summary>
public abstract class StudioComponentContext : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    protected StudioComponentContext(string culture = StudioCultures.Chinese)
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IStudioText, StudioText>();
        Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
    }

    protected void UseCulture(string culture) => CultureInfo.CurrentUICulture = new CultureInfo(culture);

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are only asynchronously disposable.
    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _previous;
        await DisposeAsync();
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
