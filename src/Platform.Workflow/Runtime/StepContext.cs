using System.Text.Json.Nodes;
using Npgsql;
using Platform.Workflow.Definitions;
using Platform.Workflow.Records;

namespace Platform.Workflow.Runtime;

/// <summary>
/// One step of one instance: the transaction every state change of the step commits in, the instance (locked),
/// its model, its variables and the clock reading the whole step uses.
/// </summary>
internal sealed class StepContext(NpgsqlConnection conn, NpgsqlTransaction tx, InstanceRow instance, WorkflowModel model, DateTimeOffset now, CancellationToken ct)
{
    private WorkflowRecord? _record;
    private bool _recordLoaded;

    public NpgsqlConnection Conn { get; } = conn;
    public NpgsqlTransaction Tx { get; } = tx;
    public InstanceRow Instance { get; set; } = instance;
    public WorkflowModel Model { get; } = model;
    public DateTimeOffset Now { get; } = now;
    public CancellationToken Ct { get; } = ct;
    public JsonObject Variables { get; } = JsonNode.Parse(instance.Variables)?.AsObject() ?? [];
    public bool VariablesChanged { get; set; }

    /// <summary>Tokens waiting to enter a node; drained by the engine so long paths do not recurse.</summary>
    public Queue<(Guid TokenId, string NodeId)> Pending { get; } = new();

    public bool Ended { get; set; }

    public async Task<WorkflowRecord?> RecordAsync(IWorkflowRecords records)
    {
        if (_recordLoaded) return _record;
        _record = Instance.RecordId is { } id ? await records.GetAsync(Conn, Tx, id, Ct) : null;
        _recordLoaded = true;
        return _record;
    }

    public void ForgetRecord() => _recordLoaded = false;

    public void SetVariable(string name, JsonNode? value)
    {
        Variables[name] = value;
        VariablesChanged = true;
    }
}
