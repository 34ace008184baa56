using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Expressions;
using Platform.Forms.Definitions;
using Platform.Studio.Runtime;
using static Platform.Studio.Tests.Runtime.RuntimeForms;

namespace Platform.Studio.Tests.Runtime;

public sealed class FieldRulesTests
{
    private static readonly FieldRules Rules = new(new FormRules(new ServiceCollection().AddExpressionSandbox().BuildServiceProvider().GetRequiredService<IExpressionSandbox>()));

    private static readonly RuleDefinition ShowReasonWhenLost = new() { Kind = RuleKind.Show, When = "stage == 'lost'", Fields = ["reason"] };
    private static readonly RuleDefinition RequireAmountWhenWon = new() { Kind = RuleKind.Require, When = "stage == 'won'", Fields = ["amount"] };

    [Fact]
    public void A_show_rule_hides_its_fields_until_the_condition_holds()
    {
        var form = Deal(ShowReasonWhenLost);
        Assert.False(Rules.Evaluate(form, new JsonObject { ["stage"] = "lead" }).IsVisible("reason"));
        Assert.True(Rules.Evaluate(form, new JsonObject { ["stage"] = "lost" }).IsVisible("reason"));
        Assert.True(Rules.Evaluate(form, new JsonObject { ["stage"] = "lead" }).IsVisible("name"));
    }

    [Fact]
    public void Empty_fields_are_null_so_rules_over_them_evaluate_instead_of_failing()
    {
        var states = Rules.Evaluate(Deal(ShowReasonWhenLost), new JsonObject());
        Assert.Empty(states.Problems);
        Assert.False(states.IsVisible("reason"));
    }

    [Fact]
    public void Require_rules_add_to_the_fields_required_by_definition()
    {
        var form = Deal(RequireAmountWhenWon);
        Assert.True(Rules.Evaluate(form, new JsonObject { ["stage"] = "lead" }).IsRequired("name"));
        Assert.False(Rules.Evaluate(form, new JsonObject { ["stage"] = "lead" }).IsRequired("amount"));
        Assert.True(Rules.Evaluate(form, new JsonObject { ["stage"] = "won" }).IsRequired("amount"));
    }

    [Fact]
    public void A_hidden_field_is_never_required()
    {
        var form = Deal(RequireAmountWhenWon, new RuleDefinition { Kind = RuleKind.Hide, When = "true", Fields = ["amount"] });
        Assert.False(Rules.Evaluate(form, new JsonObject { ["stage"] = "won" }).IsRequired("amount"));
    }

    [Fact]
    public void A_broken_rule_is_reported_and_the_others_still_apply()
    {
        var form = Deal(new RuleDefinition { Kind = RuleKind.Hide, When = "stage ==", Fields = ["name"] }, RequireAmountWhenWon);
        var states = Rules.Evaluate(form, new JsonObject { ["stage"] = "won" });
        Assert.Single(states.Problems);
        Assert.True(states.IsVisible("name"));
        Assert.True(states.IsRequired("amount"));
    }
}
