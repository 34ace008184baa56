using Bunit;
using Platform.Forms.Definitions;
using Platform.Studio.Components.Designers.Forms;
using Platform.Studio.Designers.Forms;

namespace Platform.Studio.Tests.Designers;

public sealed class FieldPropertiesTests(DesignerFixture fixture) : DesignerComponentContext(fixture), IClassFixture<DesignerFixture>
{
    private (FormDesign Design, IRenderedComponent<FieldProperties> Panel, Func<int> Changes) Open(string type, Action<FormDesign>? arrange = null)
    {
        var design = new FormDesign(DesignerFixture.App, "deals", new LocalizedText("Deals", "商机"));
        var key = design.AddField(type, design.Sections[0]);
        arrange?.Invoke(design);
        var changes = 0;
        var panel = Render<FieldProperties>(p => p.Add(x => x.Design, design).Add(x => x.FieldKey, key).Add(x => x.Changed, () => changes++));
        return (design, panel, () => changes);
    }

    [Fact]
    public void Label_required_and_validation_edits_land_in_the_definition()
    {
        var (design, panel, changes) = Open("money");

        panel.Find(".prop-label .text-zh input").Input("合同金额");
        panel.Find(".prop-label .text-en input").Input("Contract amount");
        panel.Find(".prop-required input").Change(true);
        panel.Find(".prop-min input").Change("0");
        panel.Find(".prop-currency input").Change("usd");

        var field = design.ToDefinition().Fields.Single();
        Assert.Equal(new LocalizedText("Contract amount", "合同金额"), field.Label);
        Assert.True(field.Required);
        Assert.Equal(0m, field.Min);
        Assert.Equal("USD", field.Currency);
        Assert.True(changes() >= 5);
    }

    [Fact]
    public void Options_are_added_with_a_colour_and_relabelled()
    {
        var (design, panel, _) = Open("select");

        panel.Find("button.option-add").Click();
        panel.FindAll(".option-row")[2].QuerySelector(".option-zh input")!.Change("赢单");
        panel.FindAll(".option-row")[2].QuerySelector(".option-key input")!.Change("won");

        var options = design.ToDefinition().Fields.Single().Options!;
        Assert.Equal(3, options.Count);
        Assert.Equal("won", options[2].Key);
        Assert.Equal("赢单", options[2].Label.Zh);
        Assert.Matches("^#[0-9a-f]{6}$", options[2].Color);
    }

    [Fact]
    public void An_invalid_key_is_refused_beside_the_field_and_a_valid_one_renames_it()
    {
        var (design, panel, _) = Open("text");

        panel.Find(".prop-key input").Input("客户");
        panel.Find(".prop-key input").Blur();
        panel.WaitForAssertion(() => Assert.Contains("标识须以小写字母开头", panel.Find(".prop-key").TextContent), Patience);
        Assert.NotNull(design.Field("text_1"));

        panel.Find(".prop-key input").Input("customer");
        panel.Find(".prop-key input").Blur();
        panel.WaitForAssertion(() => Assert.NotNull(design.Field("customer")), Patience);
        Assert.Null(design.Field("text_1"));
    }

    [Fact]
    public void The_formula_test_button_evaluates_with_sample_values_of_the_fields_it_uses()
    {
        var (design, panel, _) = Open("formula", d =>
        {
            var section = d.Sections[0];
            d.Rename(d.AddField("number", section), "qty");
            d.Rename(d.AddField("money", section), "price");
        });

        panel.Find(".formula-expression textarea").Input("qty * price");
        panel.Find(".formula-sample-qty input").Change("3");
        panel.Find(".formula-sample-price input").Change("12.5");
        panel.Find("button.formula-test").Click();

        panel.WaitForAssertion(() => Assert.Equal("= 37.5", panel.Find(".formula-result").TextContent.Trim()), Patience);
        Assert.Equal("qty * price", design.Field("formula_1")!.Expression);
    }

    [Fact]
    public void Sub_table_columns_are_added_and_typed()
    {
        var (design, panel, _) = Open("subtable");

        panel.Find("button.subfield-add").Click();

        var subFields = design.ToDefinition().Fields.Single().Fields!;
        Assert.Equal(["item", "qty", "number_1"], subFields.Select(f => f.Key));
        Assert.Equal("number", subFields[2].Type);
    }
}
