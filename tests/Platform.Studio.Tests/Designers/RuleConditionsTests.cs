using Platform.Forms.Definitions;
using Platform.Studio.Designers.Forms;

namespace Platform.Studio.Tests.Designers;

public sealed class RuleConditionsTests
{
    private static readonly FormDefinition Form = new()
    {
        App = "design", Key = "deals", Name = LocalizedText.Same("Deals"),
        Fields =
        [
            new FieldDefinition { Key = "stage", Type = "select", Label = LocalizedText.Same("Stage") },
            new FieldDefinition { Key = "amount", Type = "money", Label = LocalizedText.Same("Amount") },
            new FieldDefinition { Key = "vip", Type = "checkbox", Label = LocalizedText.Same("VIP") },
            new FieldDefinition { Key = "note", Type = "text", Label = LocalizedText.Same("Note") },
        ],
    };

    [Fact]
    public void Picked_conditions_become_the_engines_expression_with_typed_literals()
    {
        Assert.Equal("stage === 'won'", RuleConditions.Compose(new RuleCondition("stage", ConditionOperator.Equals, "won"), Form));
        Assert.Equal("amount > 100000", RuleConditions.Compose(new RuleCondition("amount", ConditionOperator.Greater, "100000"), Form));
        Assert.Equal("vip === true", RuleConditions.Compose(new RuleCondition("vip", ConditionOperator.Equals, "true"), Form));
        Assert.Equal("ISEMPTY(note)", RuleConditions.Compose(new RuleCondition("note", ConditionOperator.IsEmpty, null), Form));
        Assert.Equal("note === 'it\\'s'", RuleConditions.Compose(new RuleCondition("note", ConditionOperator.Equals, "it's"), Form));
        Assert.Equal("(stage === 'won') || (amount >= 5)",
            RuleConditions.Compose([new("stage", ConditionOperator.Equals, "won"), new("amount", ConditionOperator.GreaterOrEqual, "5")], Form, any: true));
    }

    [Fact]
    public void Expressions_the_builder_wrote_open_again_as_conditions()
    {
        var conditions = new List<RuleCondition> { new("stage", ConditionOperator.NotEquals, "赢单"), new("amount", ConditionOperator.LessOrEqual, "10.5"), new("note", ConditionOperator.IsNotEmpty, null) };
        var parsed = RuleConditions.Parse(RuleConditions.Compose(conditions, Form));

        Assert.NotNull(parsed);
        Assert.False(parsed.Value.Any);
        Assert.Equal(conditions, parsed.Value.Conditions);
    }

    [Fact]
    public void A_hand_written_expression_is_not_forced_into_conditions()
    {
        Assert.Null(RuleConditions.Parse("amount * 2 > 10"));
        Assert.Null(RuleConditions.Parse("stage === 'won' && amount > 5 || vip"));
    }

    [Fact]
    public void Renaming_a_field_leaves_strings_and_properties_alone()
    {
        Assert.Equal("phase === 'stage' && x.stage > 1", RuleConditions.RenameField("stage === 'stage' && x.stage > 1", "stage", "phase"));
    }
}
