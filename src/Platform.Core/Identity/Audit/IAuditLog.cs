namespace Platform.Core.Identity;

/// <summary>
/// Append-only record of security-relevant actions: sign-ins, user, role and permission changes, app installs,
/// workflow incident actions. Actions are dotted names whose first part is the area (<c>signin.failed</c>,
/// <c>user.disabled</c>, <c>permission.changed</c>) so the log can be filtered by area.
/// </summary>
public interface IAuditLog
{
    const int MaxTake = 500;

    Task WriteAsync(AuditEvent entry, CancellationToken ct);

    /// <summary>Newest first; <see cref="AuditPage.Total"/> counts every match for paging.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct);
}

/// <summary>What to record; <paramref name="ActorId"/> null means anonymous or the system.</summary>
public sealed record AuditEvent(Guid? ActorId, string ActorName, string Action, string Target, string? Details = null);

/// <summary>
/// Filters of the audit log. <paramref name="Area"/> matches the action's first part (<c>user</c> matches
/// <c>user.created</c>); <paramref name="Text"/> searches actor, target and details.
/// </summary>
public sealed record AuditQuery(
    string? Area = null, Guid? ActorId = null, string? Text = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, int Skip = 0, int Take = 50);

public sealed record AuditRecord(
    Guid Id, DateTimeOffset OccurredAt, Guid? ActorId, string ActorName, string Action, string Target, string? Details);

public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, int Total);
