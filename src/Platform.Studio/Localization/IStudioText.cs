using System.Globalization;

namespace Platform.Studio.Localization;

/// <summary>The Studio's UI strings in the current UI culture; unknown keys come back as the key itself.</summary>
public interface IStudioText
{
    string this[string key] { get; }
}

/// <summary>
/// Strings an area of the Studio contributes: key → (中文, English). Register one per area with
/// <c>services.AddSingleton&lt;IStudioTextSource, MyTexts&gt;()</c>; later registrations win on equal keys.
/// </summary>
public interface IStudioTextSource
{
    IReadOnlyDictionary<string, (string Zh, string En)> Texts { get; }
}

internal sealed class StudioText : IStudioText
{
    private readonly Dictionary<string, (string Zh, string En)> _texts = new(StringComparer.Ordinal);

    public StudioText(IEnumerable<IStudioTextSource> sources)
    {
        foreach (var (key, text) in StudioTexts.All) _texts[key] = text;
        foreach (var source in sources)
            foreach (var (key, text) in source.Texts) _texts[key] = text;
    }

    public string this[string key] => !_texts.TryGetValue(key, out var text)
        ? key
        : StudioCultures.IsChinese(CultureInfo.CurrentUICulture) ? text.Zh : text.En;
}
