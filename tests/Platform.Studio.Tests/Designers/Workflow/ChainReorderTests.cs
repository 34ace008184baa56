using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Platform.Studio.Components.Designers.Workflow;
using Platform.Studio.Designers.Workflow;
using Platform.Studio.Localization;
using Platform.Studio.Runtime;
using Platform.Studio.Tests.Components;
using Platform.Workflow.Definitions;

namespace Platform.Studio.Tests.Designers.Workflow;

/// <summary>Reordering approval-chain cards by drag or by the up/down buttons, and the BPMN that comes out.</summary>
public sealed class ChainReorderTests : StudioComponentContext
{
    private static readonly IReadOnlyList<DesignerField> Fields = [new("amount", "金额", "money", [])];

    public ChainReorderTests()
    {
        Services.AddSingleton<IStudioTextSource, WorkflowDesignerTexts>();
        Services.AddSingleton<OrgOptions>();
        Render<MudPopoverProvider>();
    }

    /// <summary>The quote chain with a role as the director, so the cards need no user directory to show names.</summary>
    private static ApprovalChain QuoteChain()
    {
        var chain = ApprovalChainBpmnTests.QuoteChain();
        ((ApproverStep)((ConditionStep)chain.Steps[1]).Branches[0].Steps[0]).Approvers = ["role:director"];
        return chain;
    }

    private IRenderedComponent<ChainStepList> Chain(ApprovalChain chain) =>
        Render<CascadingValue<ChainDrag>>(p => p.Add(x => x.Value, new ChainDrag()).Add(x => x.IsFixed, true)
            .AddChildContent<ChainStepList>(l => l.Add(x => x.Steps, chain.Steps).Add(x => x.Fields, Fields).Add(x => x.Path, "s")))
        .FindComponent<ChainStepList>();

    /// <summary>The node sequence of the main path: names of the user tasks and gateways in flow order from the start.</summary>
    private static List<string> MainPath(string xml)
    {
        var model = BpmnParser.Parse(xml);
        var path = new List<string>();
        var node = model.Nodes.Values.Single(n => n.Kind == NodeKind.StartEvent);
        while (model.Outgoing(node).ToList() is { Count: > 0 } outgoing)
        {
            // Condition gateways: follow the default branch, which in these chains goes straight on.
            var next = outgoing.Count == 1 ? outgoing[0] : outgoing.Single(f => f.Rule is null && f.Condition is null);
            node = model.Nodes[next.Target];
            if (node.Kind is NodeKind.UserTask or NodeKind.ExclusiveGateway or NodeKind.ServiceTask) path.Add($"{node.Kind}:{node.Name}");
        }
        return path;
    }

    [Fact]
    public void Moving_the_first_approver_down_with_the_button_yields_the_same_BPMN_as_a_chain_drawn_in_that_order()
    {
        var chain = QuoteChain();
        var list = Chain(chain);
        Assert.True(list.Find(".chain-card-s-0 .card-up").HasAttribute("disabled"));

        list.Find(".chain-card-s-0 .card-down").Click();

        list.WaitForAssertion(() => Assert.Contains("chain-condition", list.Find(".chain-drag-s-0 .chain-card").ClassName));
        Assert.Equal(["ConditionStep", "ApproverStep", "CopyStep"], chain.Steps.Select(s => s.GetType().Name));
        var expected = QuoteChain();
        expected.Steps = [expected.Steps[1], expected.Steps[0], expected.Steps[2]];
        Assert.Equal(ApprovalChainBpmn.Generate("quote", expected), ApprovalChainBpmn.Generate("quote", chain));
        Assert.Equal("主管审批", MainPath(ApprovalChainBpmn.Generate("quote", chain)).Where(n => n.StartsWith("UserTask")).Select(n => n[9..]).First());
    }

    [Fact]
    public void Dragging_the_copy_card_to_the_top_puts_it_first_in_the_BPMN()
    {
        var chain = QuoteChain();
        var list = Chain(chain);

        list.Find(".chain-drag-s-2").DragStart();
        list.Find(".chain-drop-s-0").Drop();

        Assert.Equal(["CopyStep", "ApproverStep", "ConditionStep"], chain.Steps.Select(s => s.GetType().Name));
        var path = MainPath(ApprovalChainBpmn.Generate("quote", chain));
        Assert.Equal(NodeKind.ServiceTask.ToString(), path[0].Split(':')[0]);
        Assert.StartsWith("UserTask:主管审批", path[1]);
        list.WaitForAssertion(() => Assert.Contains("chain-copy", list.Find(".chain-drag-s-0 .chain-card").ClassName));
    }

    [Fact]
    public void A_card_dragged_into_a_branch_moves_there_and_a_condition_never_goes_into_its_own_branch()
    {
        var chain = QuoteChain();
        var list = Chain(chain);
        var big = ((ConditionStep)chain.Steps[1]).Branches[0];

        // The first approver into the "large amount" branch, before the director.
        list.Find(".chain-drag-s-0").DragStart();
        list.Find(".chain-drop-s-1-0-0").Drop();
        Assert.Equal(["主管审批", "总监审批"], big.Steps.Select(s => s.Name));
        Assert.Equal(2, chain.Steps.Count);

        // The condition (now first) cannot be dropped into its own branch.
        list.WaitForElement(".chain-drop-s-0-0-2");
        list.Find(".chain-drag-s-0").DragStart();
        list.Find(".chain-drop-s-0-0-1").Drop();
        Assert.Equal(["ConditionStep", "CopyStep"], chain.Steps.Select(s => s.GetType().Name));
        Assert.Equal(2, big.Steps.Count);
        Assert.Empty(BpmnValidation(chain));
    }

    [Fact]
    public void Moves_that_change_nothing_are_refused()
    {
        List<ChainStep> steps = [new ApproverStep { Name = "a" }, new ApproverStep { Name = "b" }];
        Assert.False(ChainMoves.Move(steps, 0, steps, 0));
        Assert.False(ChainMoves.Move(steps, 0, steps, 1));
        Assert.False(ChainMoves.MoveUp(steps, 0));
        Assert.False(ChainMoves.MoveDown(steps, 1));
        Assert.True(ChainMoves.Move(steps, 0, steps, 2));
        Assert.Equal(["b", "a"], steps.Select(s => s.Name));
    }

    private static IEnumerable<string> BpmnValidation(ApprovalChain chain)
    {
        // The generator's output parses, and every task is reachable from the start.
        var model = BpmnParser.Parse(ApprovalChainBpmn.Generate("quote", chain));
        var seen = new HashSet<string>();
        var queue = new Queue<string>([model.Nodes.Values.Single(n => n.Kind == NodeKind.StartEvent).Id]);
        while (queue.TryDequeue(out var id))
            if (seen.Add(id))
            {
                foreach (var f in model.Outgoing(model.Nodes[id])) queue.Enqueue(f.Target);
                foreach (var b in model.BoundariesOf(id)) queue.Enqueue(b.Id);
            }
        return model.Nodes.Keys.Where(k => !seen.Contains(k));
    }
}
