using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Platform.Studio.Components.Designers.Workflow;
using Platform.Studio.Designers.Workflow;
using Platform.Studio.Localization;
using Platform.Studio.Runtime;
using Platform.Studio.Tests.Components;

namespace Platform.Studio.Tests.Designers.Workflow;

public sealed class PropertyPanelTests : StudioComponentContext
{
    private static readonly IReadOnlyList<DesignerField> Fields =
    [
        new("amount", "金额", "money", []),
        new("stage", "阶段", "select", [("new", "新建"), ("won", "赢单")]),
        new("owner_user", "负责人", "member", []),
    ];

    private ElementState? _applied;

    public PropertyPanelTests()
    {
        Services.AddSingleton<IStudioTextSource, WorkflowDesignerTexts>();
        Services.AddSingleton<OrgOptions>();
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<PropertyPanel> Panel(ElementState element) => Render<PropertyPanel>(p => p
        .Add(x => x.Element, element)
        .Add(x => x.Fields, Fields)
        .Add(x => x.OnApply, s => _applied = s));

    [Fact]
    public void Approver_rules_and_due_time_of_a_user_task_are_applied_as_lc_attributes()
    {
        var element = new ElementState { Id = "approve_1", Type = "UserTask", Name = "主管审批", Attrs = { ["approvers"] = "role:sales;manager:2" } };
        var panel = Panel(element);

        Assert.Contains("审批任务", panel.Find(".wf-panel-type").TextContent);
        Assert.Equal(2, panel.FindAll(".approver-rule").Count);
        panel.Find(".task-approvers .rule-role input").Input("finance");
        panel.Find(".task-due input").Change("P2D");
        panel.Find("button.panel-apply").Click();

        Assert.NotNull(_applied);
        Assert.Equal("role:finance;manager:2", _applied!.Attr("approvers"));
        Assert.Equal("P2D", _applied.Attr("due"));
        Assert.Equal("role:sales;manager:2", element.Attr("approvers"));
    }

    [Fact]
    public void Removing_every_approver_rule_clears_the_attribute()
    {
        var panel = Panel(new ElementState { Id = "t", Type = "UserTask", Attrs = { ["approvers"] = "deptManager" } });

        panel.Find(".approver-rule-0 button").Click();
        panel.Find("button.panel-apply").Click();

        Assert.Null(_applied!.Attr("approvers"));
        Assert.Empty(panel.FindAll(".approver-rule"));
    }

    [Fact]
    public void A_gateway_flow_rule_value_is_edited_and_making_it_the_default_drops_its_condition()
    {
        var flow = new ElementState
        {
            Id = "big", Type = "SequenceFlow", SourceType = "ExclusiveGateway", IsDefault = false,
            Attrs = { ["field"] = "amount", ["op"] = "gt", ["value"] = "100000" },
        };
        var panel = Panel(flow);

        panel.Find(".rule-builder .rule-value input").Input("200000");
        panel.Find("button.panel-apply").Click();
        panel.WaitForAssertion(() => Assert.Equal(("amount", "gt", "200000"), (_applied?.Attr("field"), _applied?.Attr("op"), _applied?.Attr("value"))));

        panel.Find(".flow-default input").Change(true);
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll(".rule-builder")));
        panel.Find("button.panel-apply").Click();
        panel.WaitForAssertion(() => Assert.True(_applied!.IsDefault));
        Assert.Null(_applied!.Attr("field"));
        Assert.Null(_applied.Condition);
    }

    [Fact]
    public void A_reminder_boundary_shows_its_cycle_and_applies_a_new_repeat_count_staying_non_interrupting()
    {
        var reminder = new ElementState
        {
            Id = "remind", Type = "BoundaryEvent", AttachedTo = "approve_1", CancelActivity = false, EventDefinition = "TimerEventDefinition",
            Timer = new TimerState { Kind = "timeCycle", Text = "R3/PT24H" },
        };
        var panel = Panel(reminder);

        Assert.Equal("3", panel.Find(".timer-times input").GetAttribute("value"));
        Assert.Contains("任务保持不变", panel.Markup);
        Assert.Empty(panel.FindAll(".timer-outcome"));
        panel.Find(".timer-times input").Change("5");
        panel.WaitForAssertion(() => Assert.Equal("5", panel.Find(".timer-times input").GetAttribute("value")));
        panel.Find("button.panel-apply").Click();

        panel.WaitForAssertion(() => Assert.Equal("R5/PT24H", _applied?.Timer?.Text));
        Assert.False(_applied!.CancelActivity);
    }

    [Fact]
    public void A_notify_action_offers_the_forms_fields_as_placeholders_for_the_message()
    {
        var panel = Panel(new ElementState { Id = "n", Type = "ServiceTask", Attrs = { ["action"] = "notify", ["to"] = "submitter", ["body"] = "金额：" } });

        panel.FindAll(".notify-placeholders .mud-chip").First(c => c.TextContent.Contains("金额")).Click();
        panel.Find("button.panel-apply").Click();

        Assert.Equal("金额：{{amount}}", _applied!.Attr("body"));
        Assert.Equal("submitter", _applied.Attr("to"));
    }

    [Fact]
    public void Reset_discards_unapplied_edits()
    {
        var panel = Panel(new ElementState { Id = "t", Type = "UserTask", Name = "原名", Attrs = { ["approvers"] = "deptManager" } });

        panel.Find(".panel-name input").Input("新名");
        panel.Find("button.panel-reset").Click();
        panel.Find("button.panel-apply").Click();

        Assert.Equal("原名", _applied!.Name);
    }
}
