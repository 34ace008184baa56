namespace Platform.Workflow.Definitions;

/// <summary>An executable process parsed from BPMN: nodes by id and the sequence flows between them.</summary>
public sealed record WorkflowModel(
    string ProcessId,
    string Name,
    IReadOnlyDictionary<string, FlowNode> Nodes,
    IReadOnlyDictionary<string, SequenceFlow> Flows)
{
    public IEnumerable<FlowNode> StartEvents => Nodes.Values.Where(n => n.Kind == NodeKind.StartEvent);

    public IEnumerable<FlowNode> BoundariesOf(string nodeId) =>
        Nodes.Values.Where(n => n.Kind == NodeKind.BoundaryEvent && n.AttachedTo == nodeId);

    public IEnumerable<SequenceFlow> Outgoing(FlowNode node) => node.Outgoing.Select(id => Flows[id]);

    public FlowNode Node(string id) =>
        Nodes.TryGetValue(id, out var node) ? node : throw new InvalidOperationException($"Unknown node '{id}'.");
}

/// <summary>The BPMN element kinds the engine executes.</summary>
public enum NodeKind
{
    StartEvent,
    EndEvent,
    UserTask,
    ServiceTask,
    ScriptTask,
    ExclusiveGateway,
    ParallelGateway,
    IntermediateCatchEvent,
    BoundaryEvent,
}

/// <summary>One BPMN flow node with its typed configuration (only the part matching its kind is set).</summary>
public sealed record FlowNode
{
    public required string Id { get; init; }
    public required NodeKind Kind { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<string> Incoming { get; init; } = [];
    public IReadOnlyList<string> Outgoing { get; init; } = [];
    public string? DefaultFlow { get; init; }
    public StartTrigger? Trigger { get; init; }
    public TimerSpec? Timer { get; init; }
    public string? WaitCondition { get; init; }
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMinutes(1);
    public UserTaskSpec? Task { get; init; }
    public ActionSpec? Action { get; init; }
    public string? Script { get; init; }
    public EndKind End { get; init; }
    public string? ErrorCode { get; init; }
    public string? AttachedTo { get; init; }
    public bool CancelActivity { get; init; } = true;

    /// <summary>An error boundary event: catches failures of its task whose code is <see cref="ErrorCode"/> (null = any).</summary>
    public bool CatchesErrors { get; init; }

    /// <summary>For interrupting boundary timers on user tasks: complete the task with this outcome instead of leaving it.</summary>
    public TaskOutcome? BoundaryOutcome { get; init; }

    public string Label => string.IsNullOrWhiteSpace(Name) ? Id : Name!;
}

public enum EndKind { Normal, Terminate, Error }

/// <summary>A sequence flow; a condition is either an expression or a no-code rule on one record field.</summary>
public sealed record SequenceFlow(string Id, string Source, string Target, string? Condition, FieldRule? Rule, string? Name);

/// <summary>A no-code condition: field, operator, value (e.g. amount gt 100000).</summary>
public sealed record FieldRule(string Field, string Operator, string? Value);

public enum TaskOutcome { Approved, Rejected }
