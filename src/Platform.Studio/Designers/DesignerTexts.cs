using System.Globalization;
using Platform.Forms.Definitions;
using Platform.Studio.Localization;

namespace Platform.Studio.Designers;

/// <summary>Navigation strings of the designers: key → (中文, English).</summary>
internal sealed class DesignerTexts : IStudioTextSource
{
    public IReadOnlyDictionary<string, (string Zh, string En)> Texts { get; } = new Dictionary<string, (string, string)>
    {
        ["nav.studio"] = ("设计器", "Designers"),
    };
}

/// <summary>
/// The designers' own bilingual strings, written beside the markup that shows them (there are hundreds, each used once);
/// the language follows the UI culture like every other Studio text.
/// </summary>
public static class Ui
{
    public static bool IsChinese => StudioCultures.IsChinese(CultureInfo.CurrentUICulture);

    public static string Culture => CultureInfo.CurrentUICulture.Name;

    public static string T(string zh, string en) => IsChinese ? zh : en;

    public static string Of(LocalizedText? text) => text is null ? "" : text.For(Culture);
}
