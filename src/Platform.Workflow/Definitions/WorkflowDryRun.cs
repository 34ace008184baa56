using System.Text.Json.Nodes;
using Platform.Core.Expressions;
using Platform.Workflow.Records;
using Platform.Workflow.Runtime;

namespace Platform.Workflow.Definitions;

/// <summary>One node the dry run passed, with what would happen there.</summary>
public sealed record DryRunStep(string NodeId, string Label, NodeKind Kind, string Note, string NoteZh);

/// <summary>The path a definition would take on a record: nodes and flows in order, or where and why it stops.</summary>
public sealed record DryRunResult(IReadOnlyList<DryRunStep> Steps, IReadOnlyList<string> TakenFlows, DefinitionError? Error)
{
    /// <summary>Nodes a token passes; boundary timers only armed on the way are listed in <see cref="Steps"/>, not here.</summary>
    public IReadOnlyList<string> VisitedNodes => Steps.Where(s => s.Kind != NodeKind.BoundaryEvent).Select(s => s.NodeId).Distinct().ToList();
}

/// <summary>
/// Test-runs a draft without starting anything: follows the flows from the start event, deciding gateways with the
/// same rules and sandboxed expressions as the engine against a record's data. User tasks are assumed to end with
/// <c>assumedOutcome</c>; actions, scripts and timers are described, never executed.
/// </summary>
public sealed class WorkflowDryRun(IExpressionSandbox sandbox, TimeProvider time)
{
    private const int MaxSteps = 500;

    public DryRunResult Run(string bpmnXml, WorkflowRecord? record, JsonObject? variables, TaskOutcome assumedOutcome, CancellationToken ct)
    {
        WorkflowModel model;
        try
        {
            model = BpmnParser.Parse(bpmnXml);
        }
        catch (WorkflowDefinitionException e)
        {
            return new DryRunResult([], [], e.Errors[0]);
        }
        var run = new RunState(model, record, variables?.DeepClone().AsObject() ?? [], time.GetUtcNow());
        var start = model.StartEvents.FirstOrDefault();
        if (start is null) return new DryRunResult([], [], new(null, "The process has no start event.", "流程没有开始事件。"));
        var queue = new Queue<string>([start.Id]);
        try
        {
            while (queue.TryDequeue(out var id) && run.Steps.Count < MaxSteps)
            {
                ct.ThrowIfCancellationRequested();
                var node = model.Node(id);
                if (run.Visits(id) > 3) continue;
                foreach (var flow in Step(run, node, assumedOutcome))
                {
                    run.Flows.Add(flow.Id);
                    queue.Enqueue(flow.Target);
                }
                if (run.Stopped) break;
            }
        }
        catch (StepStopped stop)
        {
            return new DryRunResult(run.Steps, run.Flows, stop.Error);
        }
        return new DryRunResult(run.Steps, run.Flows, null);
    }

    private IEnumerable<SequenceFlow> Step(RunState run, FlowNode node, TaskOutcome outcome)
    {
        switch (node.Kind)
        {
            case NodeKind.StartEvent:
                run.Note(node, $"Starts ({node.Trigger?.Kind.ToString() ?? "Manual"}).", $"流程开始（{node.Trigger?.Kind.ToString() ?? "Manual"}）。");
                if (node.Trigger?.Condition is { } c && !Holds(run, c, node.Id))
                {
                    run.Note(node, $"The start condition `{c}` does not hold: no instance would start.", $"开始条件 `{c}` 不满足：不会启动流程。");
                    run.Stopped = true;
                    return [];
                }
                return Taken(run, node);
            case NodeKind.UserTask:
                var approvers = string.Join("; ", node.Task!.Approvers);
                var word = outcome == TaskOutcome.Approved ? "approved" : "rejected";
                run.Note(node, $"Task for {approvers} ({node.Task.Mode}); assumed {word}.", $"待办发给 {approvers}（{node.Task.Mode}）；假设{(outcome == TaskOutcome.Approved ? "通过" : "驳回")}。");
                foreach (var b in run.Model.BoundariesOf(node.Id))
                    run.Note(b, $"Timer {b.Timer?.Text} ({(b.CancelActivity ? "interrupting" : "non-interrupting")}) armed while the task is open.",
                        $"任务未完成期间定时器 {b.Timer?.Text}（{(b.CancelActivity ? "中断" : "不中断")}）生效。");
                run.Variables["outcome"] = word;
                run.Variables["approved"] = outcome == TaskOutcome.Approved;
                run.Variables[node.Id + "_outcome"] = word;
                if (outcome == TaskOutcome.Rejected && node.Task.RejectEndsInstance)
                {
                    run.Note(node, "Rejecting ends the instance as rejected.", "驳回后流程以“已驳回”结束。");
                    run.Stopped = true;
                    return [];
                }
                return Taken(run, node);
            case NodeKind.ExclusiveGateway:
                var flows = run.Model.Outgoing(node).ToList();
                var chosen = flows.Count == 1 ? flows[0]
                    : flows.Where(f => f.Id != node.DefaultFlow).FirstOrDefault(f => FlowHolds(run, f))
                      ?? (node.DefaultFlow is { } d ? run.Model.Flows[d] : null);
                if (chosen is null)
                    throw new StepStopped(new(node.Id, $"No condition out of '{node.Label}' holds and it has no default path.", $"网关 '{node.Label}' 没有满足条件的路径，也没有默认路径。"));
                run.Note(node, $"Takes '{chosen.Name ?? chosen.Id}'.", $"走向 '{chosen.Name ?? chosen.Id}'。");
                return [chosen];
            case NodeKind.EndEvent:
                run.Note(node, node.End == EndKind.Normal ? "Path ends." : $"Instance ends ({node.End}).", node.End == EndKind.Normal ? "该路径结束。" : $"流程结束（{node.End}）。");
                if (node.End != EndKind.Normal) run.Stopped = true;
                return [];
            default:
                run.Note(node, Describe(node), Describe(node));
                return Taken(run, node);
        }
    }

    private static string Describe(FlowNode node) => node.Kind switch
    {
        NodeKind.ServiceTask => node.Action is null ? "Passes through." : $"Action {node.Action.GetType().Name.Replace("Action", "")} (not executed in a test run).",
        NodeKind.ScriptTask => "Script (not executed in a test run).",
        NodeKind.IntermediateCatchEvent => node.Timer is not null ? $"Waits {node.Timer.Text}." : $"Waits until `{node.WaitCondition}`.",
        NodeKind.ParallelGateway => "Forks or joins.",
        _ => node.Kind.ToString(),
    };

    private List<SequenceFlow> Taken(RunState run, FlowNode node) => run.Model.Outgoing(node).Where(f => f.Condition is null && f.Rule is null || FlowHolds(run, f)).ToList();

    private bool FlowHolds(RunState run, SequenceFlow flow)
    {
        var scope = ExpressionScope.Build(run.Variables, run.Record, run.Now);
        if (flow.Rule is not null && !FieldRuleEvaluator.Evaluate(flow.Rule, scope)) return false;
        return flow.Condition is null || Holds(run, flow.Condition, flow.Id);
    }

    private bool Holds(RunState run, string expression, string elementId)
    {
        var scope = ExpressionScope.Build(run.Variables, run.Record, run.Now);
        try
        {
            return sandbox.EvaluateCondition(expression, ExpressionScope.For(scope, expression));
        }
        catch (ExpressionException e)
        {
            throw new StepStopped(new(elementId, e.Message, e.MessageZh));
        }
    }

    private sealed class RunState(WorkflowModel model, WorkflowRecord? record, JsonObject variables, DateTimeOffset now)
    {
        private readonly Dictionary<string, int> _visits = [];
        public WorkflowModel Model { get; } = model;
        public WorkflowRecord? Record { get; } = record;
        public JsonObject Variables { get; } = variables;
        public DateTimeOffset Now { get; } = now;
        public List<DryRunStep> Steps { get; } = [];
        public List<string> Flows { get; } = [];
        public bool Stopped { get; set; }

        public int Visits(string id) => _visits[id] = _visits.GetValueOrDefault(id) + 1;

        public void Note(FlowNode node, string en, string zh) => Steps.Add(new DryRunStep(node.Id, node.Label, node.Kind, en, zh));
    }

    private sealed class StepStopped(DefinitionError error) : Exception(error.Message)
    {
        public DefinitionError Error { get; } = error;
    }
}
