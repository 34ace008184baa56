using Platform.Forms.Definitions;
using Platform.Studio.Runtime;
using static Platform.Studio.Tests.Runtime.RuntimeForms;

namespace Platform.Studio.Tests.Runtime;

public sealed class FieldControlsTests
{
    [Theory]
    [InlineData("text", FieldControl.Text)]
    [InlineData("textarea", FieldControl.TextArea)]
    [InlineData("money", FieldControl.Number)]
    [InlineData("percent", FieldControl.Number)]
    [InlineData("date", FieldControl.Date)]
    [InlineData("datetime", FieldControl.DateTime)]
    [InlineData("select", FieldControl.Select)]
    [InlineData("multiselect", FieldControl.MultiSelect)]
    [InlineData("phone", FieldControl.Phone)]
    [InlineData("address", FieldControl.Address)]
    [InlineData("member", FieldControl.Member)]
    [InlineData("relation", FieldControl.Relation)]
    [InlineData("subtable", FieldControl.Subtable)]
    [InlineData("formula", FieldControl.ReadOnly)]
    [InlineData("autonumber", FieldControl.ReadOnly)]
    public void Each_field_type_gets_its_control(string type, FieldControl expected) =>
        Assert.Equal(expected, FieldControls.For(Field("f", type, "字段")));

    [Fact]
    public void A_text_field_with_the_textarea_widget_is_edited_as_a_text_area() =>
        Assert.Equal(FieldControl.TextArea, FieldControls.For(Field("f", "text", "字段") with { Widget = "textarea" }));

    [Fact]
    public void Computed_fields_are_not_editable()
    {
        Assert.False(FieldControls.IsEditable(Field("f", "formula", "字段")));
        Assert.True(FieldControls.IsEditable(Field("f", "number", "字段")));
    }
}
