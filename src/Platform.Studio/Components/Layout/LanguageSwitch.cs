using Microsoft.AspNetCore.Components;

namespace Platform.Studio.Components.Layout;

/// <summary>Builds the link that switches language and comes back to the current page.</summary>
public static class LanguageSwitch
{
    public static string Url(string culture, NavigationManager navigation) =>
        Url(culture, "/" + navigation.ToBaseRelativePath(navigation.Uri));

    public static string Url(string culture, string returnPath) =>
        $"/culture/{Uri.EscapeDataString(culture)}?returnUrl={Uri.EscapeDataString(returnPath)}";
}
