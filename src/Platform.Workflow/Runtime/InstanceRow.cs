namespace Platform.Workflow.Runtime;

/// <summary>workflow.instances as read by the runtime.</summary>
internal sealed record InstanceRow(
    Guid Id, Guid VersionId, string DefinitionKey, int Version, string Status, string? AppKey, string? FormKey,
    Guid? RecordId, string Variables, Guid StartedBy, DateTime StartedAt, DateTime? EndedAt, string? EndNode, string? ErrorCode)
{
    public const string Columns = """
        id AS Id, version_id AS VersionId, definition_key AS DefinitionKey, version AS Version, status AS Status,
        app_key AS AppKey, form_key AS FormKey, record_id AS RecordId, variables::text AS Variables, started_by AS StartedBy,
        started_at AS StartedAt, ended_at AS EndedAt, end_node AS EndNode, error_code AS ErrorCode
        """;
}

/// <summary>workflow.tokens: where one path of an instance currently is.</summary>
internal sealed record TokenRow(Guid Id, Guid InstanceId, string NodeId, string Status)
{
    public const string Columns = "id AS Id, instance_id AS InstanceId, node_id AS NodeId, status AS Status";
}

/// <summary>Instance statuses.</summary>
internal static class InstanceStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Terminated = "terminated";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}
