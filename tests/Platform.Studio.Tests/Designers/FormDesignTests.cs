using Platform.Forms.Definitions;
using Platform.Studio.Designers.Forms;

namespace Platform.Studio.Tests.Designers;

public sealed class FormDesignTests
{
    private static FormDesign NewDesign() => new("design", "deals", new LocalizedText("Deals", "商机"));

    [Fact]
    public void Dropped_fields_get_unique_keys_in_canvas_order_and_the_first_text_becomes_the_title()
    {
        var design = NewDesign();
        var section = design.Sections[0];
        var amount = design.AddField("money", section);
        var name = design.AddField("text", section, 0);
        var other = design.AddField("text", section);

        var definition = design.ToDefinition();
        Assert.Equal([name, amount, other], definition.Fields.Select(f => f.Key));
        Assert.Equal(["text_1", "money_1", "text_2"], definition.Layout!.Sections[0].Fields);
        Assert.Equal("text_1", definition.TitleField);
    }

    [Fact]
    public void Moving_a_field_to_another_section_changes_layout_and_field_order()
    {
        var design = NewDesign();
        var a = design.AddField("text", design.Sections[0]);
        var b = design.AddField("number", design.Sections[0]);
        var second = design.AddSection();

        design.Move(a, second, 0);
        design.Move(b, design.Sections[0], 0);

        var definition = design.ToDefinition();
        Assert.Equal([b], definition.Layout!.Sections[0].Fields);
        Assert.Equal([a], definition.Layout.Sections[1].Fields);
        Assert.Equal([b, a], definition.Fields.Select(f => f.Key));
    }

    [Fact]
    public void Renaming_follows_every_reference_and_a_published_key_is_refused_in_both_languages()
    {
        var design = NewDesign();
        var stage = design.AddField("select", design.Sections[0]);
        var reason = design.AddField("textarea", design.Sections[0]);
        design.SetRule(-1, new RuleDefinition { Kind = RuleKind.Show, When = $"{stage} === 'option_2'", Fields = [reason] });
        design.SetGrant(new RoleGrant { Role = "sales", Actions = [FormAction.Read], Fields = new Dictionary<string, FieldAccess> { [stage] = FieldAccess.ReadOnly } });

        Assert.Null(design.Rename(stage, "stage"));

        var definition = design.ToDefinition();
        Assert.Equal("stage === 'option_2'", definition.Rules![0].When);
        Assert.Equal(FieldAccess.ReadOnly, definition.Permissions![0].Fields!["stage"]);
        Assert.Contains("stage", definition.Layout!.Sections[0].Fields);

        var published = FormDesign.From(definition, definition with { Version = 1 });
        var refused = published.Rename("stage", "phase");
        Assert.NotNull(refused);
        Assert.Contains("cannot change", refused.En);
        Assert.Contains("不能修改", refused.Zh);
        Assert.NotNull(published.Field("stage"));
    }

    [Fact]
    public void Removing_a_field_drops_it_from_rules_and_field_permissions()
    {
        var design = NewDesign();
        var a = design.AddField("text", design.Sections[0]);
        var b = design.AddField("text", design.Sections[0]);
        design.SetRule(-1, new RuleDefinition { Kind = RuleKind.Require, When = $"!ISEMPTY({a})", Fields = [b] });
        design.SetGrant(new RoleGrant { Role = "sales", Actions = [FormAction.Read], Fields = new Dictionary<string, FieldAccess> { [b] = FieldAccess.Hidden } });

        design.Remove(b);

        var definition = design.ToDefinition();
        Assert.Null(definition.Rules);
        Assert.Null(definition.Permissions![0].Fields);
        Assert.Equal([a], definition.Fields.Select(f => f.Key));
    }

    [Fact]
    public void Removing_a_section_keeps_its_fields()
    {
        var design = NewDesign();
        var second = design.AddSection();
        var key = design.AddField("date", second);
        design.RemoveSection(second);
        Assert.Equal([key], design.Sections.Single().Fields);
    }
}
