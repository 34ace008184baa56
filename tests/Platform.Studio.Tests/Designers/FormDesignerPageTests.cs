using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Forms.Definitions;
using Platform.Studio.Components.Designers.Forms;

namespace Platform.Studio.Tests.Designers;

public sealed class FormDesignerPageTests(DesignerFixture fixture) : DesignerComponentContext(fixture), IClassFixture<DesignerFixture>
{
    private IRenderedComponent<FormDesignerPage> OpenNew(string key)
    {
        var page = Render<FormDesignerPage>(p => p.Add(x => x.App, DesignerFixture.App));
        page.WaitForAssertion(() => page.Find(".designer-palette"), Patience);
        page.Find(".form-key input").Change(key);
        return page;
    }

    [Fact]
    public void The_palette_offers_every_field_type_the_engine_knows()
    {
        var page = OpenNew("palette_check");
        var types = page.FindAll(".palette-item").Select(e => e.GetAttribute("data-type") ?? "").ToHashSet();
        var registry = Fixture.Services.GetRequiredService<Platform.Forms.Fields.FieldTypeRegistry>();
        Assert.Equal(registry.Names.ToHashSet(), types);
    }

    [Fact]
    public void Validate_lists_each_problem_and_clicking_a_field_selects_it_in_the_property_panel()
    {
        var page = OpenNew("invalid_form");
        AddFromPalette(page, "relation");
        AddFromPalette(page, "formula");
        page.Find(".formula-expression textarea").Input("amount * 2");

        page.Find("button.designer-validate").Click();

        var issues = page.FindAll(".designer-issue").Select(i => i.TextContent).ToList();
        Assert.Contains(issues, t => t.Contains("请选择关联的表单"));
        Assert.Contains(issues, t => t.Contains("“amount”不是字段"));

        page.FindAll(".designer-issue a").First(a => a.TextContent.Contains("关联记录")).Click();
        page.WaitForAssertion(() => Assert.Equal("relation_1", page.Find(".field-properties").GetAttribute("data-field")), Patience);
    }

    [Fact]
    public async Task A_form_built_from_the_palette_is_published_as_version_one()
    {
        var page = OpenNew("contacts");
        page.Find(".form-name .text-zh input").Input("联系人");
        page.Find(".form-name .text-en input").Input("Contacts");
        AddFromPalette(page, "text");
        page.Find(".prop-label .text-zh input").Input("姓名");
        page.Find(".prop-label .text-en input").Input("Name");
        page.Find(".prop-required input").Change(true);
        AddFromPalette(page, "phone");

        page.Find("button.designer-publish").Click();

        var definitions = Fixture.Services.GetRequiredService<IFormDefinitions>();
        var published = await WaitForAsync(() => definitions.GetPublishedAsync(DesignerFixture.App, "contacts", default));
        Assert.Equal(1, published.Version);
        Assert.Equal(new LocalizedText("Contacts", "联系人"), published.Name);
        Assert.Equal(["text_1", "phone_1"], published.Fields.Select(f => f.Key));
        Assert.True(published.Field("text_1")!.Required);
        Assert.Equal("text_1", published.TitleField);
    }

    /// <summary>Clicks a palette entry and waits until the new field is on the canvas and selected in the property panel.</summary>
    private static void AddFromPalette(IRenderedComponent<FormDesignerPage> page, string type)
    {
        var before = page.FindAll(".canvas-field").Count;
        page.Find($".palette-{type}").Click();
        page.WaitForAssertion(() => Assert.Equal(before + 1, page.FindAll(".canvas-field").Count), Patience);
        page.WaitForAssertion(() => Assert.StartsWith(type + "_", page.Find(".field-properties").GetAttribute("data-field")), Patience);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> read) where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (await read() is { } value) return value;
            await Task.Delay(100);
        }
        throw new TimeoutException("Nothing was published.");
    }
}
