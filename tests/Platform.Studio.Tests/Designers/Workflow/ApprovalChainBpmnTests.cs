using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Platform.Studio.Designers.Workflow;
using Platform.Workflow.Definitions;
using Platform.Workflow.Records;

namespace Platform.Studio.Tests.Designers.Workflow;

public sealed class ApprovalChainBpmnTests(ChainEngineFixture fixture) : IClassFixture<ChainEngineFixture>
{
    private static readonly string Director = Guid.NewGuid().ToString();

    /// <summary>Manager approves; above 100,000 the director too (reminded every 24 h, 3 times); the owner is copied.</summary>
    internal static ApprovalChain QuoteChain(string amountField = "amount") => new()
    {
        Name = "报价审批",
        Form = "crm/quote",
        Steps =
        [
            new ApproverStep { Name = "主管审批", Approvers = ["deptManager"] },
            new ConditionStep
            {
                Branches =
                [
                    new ChainBranch
                    {
                        Name = "大额", Field = amountField, Operator = "gt", Value = "100000",
                        Steps = [new ApproverStep { Name = "总监审批", Approvers = [$"user:{Director}"], Mode = "all", RemindAfterHours = 24, RemindTimes = 3, FieldAccess = "amount:readonly" }],
                    },
                    new ChainBranch { Name = "其他", IsDefault = true },
                ],
            },
            new CopyStep { Recipients = ["field:owner"], Subject = "报价 {{title}} 已通过" },
        ],
    };

    [Fact]
    public async Task A_generated_chain_passes_the_engines_validation_and_publishes()
    {
        var xml = ApprovalChainBpmn.Generate("quote_approval", QuoteChain());

        var errors = await fixture.WithDefinitionsAsync(d => d.ValidateAsync(xml, default));
        Assert.Empty(errors);
        var published = await fixture.WithDefinitionsAsync(async d =>
        {
            await d.SaveDraftAsync("quote_approval", xml, fixture.Admin, default);
            return await d.PublishAsync("quote_approval", fixture.Admin, default);
        });
        Assert.Equal(1, published.Version);
        Assert.Equal("报价审批", published.Name);
    }

    [Fact]
    public void The_amount_condition_is_a_no_code_rule_and_the_other_branch_is_the_gateways_default()
    {
        var model = BpmnParser.Parse(ApprovalChainBpmn.Generate("quote_approval", QuoteChain()));

        var gateway = model.Nodes.Values.Single(n => n.Kind == NodeKind.ExclusiveGateway && n.Outgoing.Count == 2);
        var big = model.Outgoing(gateway).Single(f => f.Rule is not null);
        Assert.Equal(new FieldRule("amount", "gt", "100000"), big.Rule);
        Assert.Equal("总监审批", model.Node(big.Target).Name);
        Assert.Equal(ApprovalMode.All, model.Node(big.Target).Task!.Mode);
        Assert.Equal(FieldAccess.ReadOnly, model.Node(big.Target).Task!.FieldAccess["amount"]);
        var other = model.Outgoing(gateway).Single(f => f.Rule is null);
        Assert.Equal(gateway.DefaultFlow, other.Id);
        Assert.Null(other.Condition);
    }

    [Fact]
    public void The_reminder_is_a_repeating_non_interrupting_timer_on_the_approver_that_notifies_the_approver()
    {
        var model = BpmnParser.Parse(ApprovalChainBpmn.Generate("quote_approval", QuoteChain()));

        var director = model.Nodes.Values.Single(n => n.Name == "总监审批");
        var reminder = Assert.Single(model.BoundariesOf(director.Id));
        Assert.False(reminder.CancelActivity);
        Assert.Equal(TimerKind.Cycle, reminder.Timer!.Kind);
        Assert.Equal(TimeSpan.FromHours(24), reminder.Timer.Duration);
        Assert.Equal(3, reminder.Timer.Repeat);
        var nudge = model.Node(model.Outgoing(reminder).Single().Target);
        var notify = Assert.IsType<NotifyAction>(nudge.Action);
        Assert.Equal(NotifyChannel.InApp, notify.Channel);
        Assert.Equal(director.Task!.Approvers, notify.To);
        Assert.Equal(NodeKind.EndEvent, model.Node(model.Outgoing(nudge).Single().Target).Kind);
    }

    [Fact]
    public void One_reminder_is_a_single_duration_and_none_leaves_no_boundary()
    {
        var chain = QuoteChain();
        var director = (ApproverStep)((ConditionStep)chain.Steps[1]).Branches[0].Steps[0];
        director.RemindTimes = 1;
        var model = BpmnParser.Parse(ApprovalChainBpmn.Generate("q", chain));
        var timer = model.Nodes.Values.Single(n => n.Kind == NodeKind.BoundaryEvent).Timer!;
        Assert.Equal((TimerKind.Duration, TimeSpan.FromHours(24)), (timer.Kind, timer.Duration!.Value));

        director.RemindAfterHours = null;
        Assert.DoesNotContain(BpmnParser.Parse(ApprovalChainBpmn.Generate("q", chain)).Nodes.Values, n => n.Kind == NodeKind.BoundaryEvent);
    }

    [Fact]
    public void The_record_trigger_and_the_copy_step_land_where_the_engine_reads_them()
    {
        var model = BpmnParser.Parse(ApprovalChainBpmn.Generate("quote_approval", QuoteChain()));

        var trigger = model.StartEvents.Single().Trigger!;
        Assert.Equal((TriggerKind.RecordCreated, "crm", "quote"), (trigger.Kind, trigger.AppKey, trigger.FormKey));
        var copy = Assert.IsType<NotifyAction>(model.Nodes.Values.Single(n => n.Id.StartsWith("cc_", StringComparison.Ordinal)).Action);
        Assert.Equal("field:owner", Assert.Single(copy.To).ToString());
        Assert.Equal("报价 {{title}} 已通过", copy.Subject);
        var end = model.Nodes.Values.Single(n => n.Id == "end");
        Assert.StartsWith("cc_", model.Flows[Assert.Single(end.Incoming)].Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_condition_on_a_field_the_form_does_not_have_is_reported_on_that_flow()
    {
        var xml = ApprovalChainBpmn.Generate("quote_typo", QuoteChain(amountField: "amout"));
        var flow = BpmnParser.Parse(xml).Flows.Values.Single(f => f.Rule is not null);

        var errors = await fixture.WithDefinitionsAsync(d => d.ValidateAsync(xml, default));

        var error = Assert.Single(errors);
        Assert.Equal(flow.Id, error.ElementId);
        Assert.Contains("amout", error.MessageZh);
    }

    [Fact]
    public void The_diagram_draws_every_node_and_flow_top_down()
    {
        var doc = XDocument.Parse(ApprovalChainBpmn.Generate("quote_approval", QuoteChain()));

        Assert.True(BpmnLayout.HasDiagram(doc));
        double Y(string id) => (double)doc.Descendants(BpmnLayout.Di + "BPMNShape").Single(s => (string?)s.Attribute("bpmnElement") == id)
            .Element(BpmnLayout.Dc + "Bounds")!.Attribute("y")!;
        Assert.True(Y("start") < Y("approve_1") && Y("approve_1") < Y("branch_2") && Y("branch_2") < Y("merge_2") && Y("merge_2") < Y("end"));
        var shapes = doc.Descendants(BpmnLayout.Dc + "Bounds")
            .Select(b => ((double)b.Attribute("x")!, (double)b.Attribute("y")!)).ToList();
        Assert.Equal(shapes.Count, shapes.Distinct().Count());
    }

    [Fact]
    public void The_chain_travels_in_the_draft_and_edits_made_in_the_bpmn_designer_are_detected()
    {
        var xml = ApprovalChainBpmn.Generate("quote_approval", QuoteChain());

        var read = ApprovalChainBpmn.Read(xml)!;
        Assert.Equal(ApprovalChainBpmn.Serialize(QuoteChain()), ApprovalChainBpmn.Serialize(read));
        Assert.True(ApprovalChainBpmn.MatchesChain("quote_approval", xml));
        Assert.True(ApprovalChainBpmn.MatchesChain("quote_approval", BpmnLayout.Layout(xml)));

        var edited = XDocument.Parse(xml);
        edited.Descendants(BpmnNames.Bpmn + "userTask").First().SetAttributeValue(BpmnNames.Lc + "approvers", "role:finance");
        Assert.False(ApprovalChainBpmn.MatchesChain("quote_approval", edited.ToString()));
    }

    [Fact]
    public void A_test_run_takes_the_director_branch_only_for_big_amounts()
    {
        var xml = ApprovalChainBpmn.Generate("quote_approval", QuoteChain());
        var dryRun = fixture.Services.GetRequiredService<WorkflowDryRun>();

        var big = dryRun.Run(xml, Record(250000), null, TaskOutcome.Approved, default);
        var small = dryRun.Run(xml, Record(80000), null, TaskOutcome.Approved, default);
        var rejected = dryRun.Run(xml, Record(250000), null, TaskOutcome.Rejected, default);

        Assert.Null(big.Error);
        Assert.Equal(["start", "approve_1", "branch_2", "approve_2_1_1", "merge_2", "cc_3", "end"], big.VisitedNodes);
        Assert.Equal(["start", "approve_1", "branch_2", "merge_2", "cc_3", "end"], small.VisitedNodes);
        Assert.Equal(["start", "approve_1"], rejected.VisitedNodes);
    }

    private static WorkflowRecord Record(decimal amount) => new(Guid.NewGuid(), "crm", "quote", new JsonObject { ["title"] = "Q-1", ["amount"] = amount },
        "Q-1", null, null, null, Guid.NewGuid(), DateTime.UtcNow, DateTime.UtcNow, 1);
}
