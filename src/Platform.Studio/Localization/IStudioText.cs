using System.Globalization;

namespace Platform.Studio.Localization;

/// <summary>The Studio's UI strings in the current UI culture; unknown keys come back as the key itself.</summary>
public interface IStudioText
{
    string this[string key] { get; }

    /// <summary>Adds or replaces strings; engines register their own pages' texts at start-up.</summary>
    void Add(string key, string chinese, string english);
}

internal sealed class StudioText : IStudioText
{
    private readonly Dictionary<string, (string Zh, string En)> _texts = new(StudioTexts.All, StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public string this[string key]
    {
        get
        {
            lock (_gate)
            {
                if (!_texts.TryGetValue(key, out var text)) return key;
                return StudioCultures.IsChinese(CultureInfo.CurrentUICulture) ? text.Zh : text.En;
            }
        }
    }

    public void Add(string key, string chinese, string english)
    {
        lock (_gate) _texts[key] = (chinese, english);
    }
}
