using System.Globalization;
using Platform.Studio.Localization;

namespace Platform.Studio.Tests.Components;

public sealed class StudioTextTests
{
    private sealed class Extra : IStudioTextSource
    {
        public IReadOnlyDictionary<string, (string Zh, string En)> Texts { get; } = new Dictionary<string, (string, string)>
        {
            ["forms.new"] = ("新建", "New"),
            ["nav.home"] = ("主页", "Start"),
        };
    }

    private static string In(string culture, Func<string> read)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { return read(); }
        finally { CultureInfo.CurrentUICulture = previous; }
    }

    [Fact]
    public void Engine_texts_are_added_and_may_override_the_shell_in_each_language()
    {
        var text = new StudioText([new Extra()]);

        Assert.Equal("新建", In("zh-CN", () => text["forms.new"]));
        Assert.Equal("New", In("en", () => text["forms.new"]));
        Assert.Equal("主页", In("zh-CN", () => text["nav.home"]));
        Assert.Equal("低代码业务平台", In("zh-Hans", () => text["app.title"]));
    }

    [Fact]
    public void Unknown_keys_show_the_key_so_missing_translations_are_visible()
    {
        Assert.Equal("no.such.key", new StudioText([])["no.such.key"]);
    }
}
