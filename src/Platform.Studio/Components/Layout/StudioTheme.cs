using MudBlazor;

namespace Platform.Studio.Components.Layout;

/// <summary>The Studio's look; CJK fonts come first so Chinese renders with a proper face on every platform.</summary>
public static class StudioTheme
{
    public static readonly string[] FontFamily =
        ["Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Roboto", "Helvetica", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1F6FEB", AppbarBackground = "#1F6FEB" },
        Typography = new Typography { Default = new DefaultTypography { FontFamily = FontFamily } },
    };
}
