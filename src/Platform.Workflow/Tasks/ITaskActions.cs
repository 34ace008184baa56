using System.Text.Json.Nodes;
using Platform.Core.Organization;

namespace Platform.Workflow.Tasks;

/// <summary>What an assignee can do with an open task. Each action commits with the token move it causes.</summary>
public interface ITaskActions
{
    /// <summary>Approves; <paramref name="fields"/> may change fields the task marks editable (others are refused).</summary>
    Task ApproveAsync(Guid taskId, UserContext user, string? comment, JsonObject? fields, CancellationToken ct);

    Task RejectAsync(Guid taskId, UserContext user, string? comment, CancellationToken ct);

    /// <summary>Sends the instance back to an earlier user task (one it has passed through).</summary>
    Task ReturnAsync(Guid taskId, UserContext user, string targetNodeId, string? comment, CancellationToken ct);

    /// <summary>Hands the caller's part of the task to another user.</summary>
    Task TransferAsync(Guid taskId, UserContext user, Guid toUserId, string? comment, CancellationToken ct);

    /// <summary>Adds another approver (after the current one when sequential).</summary>
    Task AddSignerAsync(Guid taskId, UserContext user, Guid signerId, string? comment, CancellationToken ct);

    Task CommentAsync(Guid taskId, UserContext user, string comment, CancellationToken ct);
}

/// <summary>The task action is not possible in the task's current state.</summary>
public sealed class TaskActionException(string message, bool invalidInput = false) : Exception(message)
{
    /// <summary>The request itself is wrong (a field this step may not edit, a value the form refuses): 400 rather than 409.</summary>
    public bool InvalidInput { get; } = invalidInput;
}
