using System.Text.Json.Nodes;
using Platform.Core.Organization;

namespace Platform.Workflow.Tasks;

/// <summary>A user's task inbox: to do, done, copied to me, started by me, with counts for badges.</summary>
public interface ITaskInbox
{
    Task<IReadOnlyList<InboxItem>> ListAsync(UserContext user, InboxBox box, int skip, int take, CancellationToken ct);

    Task<InboxCounts> CountsAsync(UserContext user, CancellationToken ct);

    /// <summary>A task with its record (hidden fields removed), assignees and audit trail; only for people involved.</summary>
    Task<TaskDetail> GetAsync(Guid taskId, UserContext user, CancellationToken ct);

    Task<IReadOnlyList<NotificationItem>> NotificationsAsync(UserContext user, int take, CancellationToken ct);
}

public enum InboxBox { Todo, Done, Cc, Started }

public sealed record InboxItem(Guid InstanceId, Guid? TaskId, string DefinitionKey, string Title, string Status, Guid? RecordId,
    DateTimeOffset At, DateTimeOffset? DueAt);

public sealed record InboxCounts(int Todo, int Done, int Cc, int Started, int UnreadNotifications);

public sealed record TaskDetail(Guid Id, Guid InstanceId, string NodeId, string Name, string Status, string Mode, DateTimeOffset? DueAt,
    JsonObject? Record, IReadOnlyDictionary<string, string> FieldAccess, IReadOnlyList<TaskAssignee> Assignees, IReadOnlyList<TaskAuditEntry> Audit);

public sealed record TaskAssignee(Guid UserId, int Seq, string Status, DateTimeOffset? ActedAt);

public sealed record TaskAuditEntry(Guid ActorId, string Action, string? Comment, string? Detail, DateTimeOffset At);

public sealed record NotificationItem(Guid Id, Guid? InstanceId, string Subject, string Body, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);
