namespace Platform.Core.Identity;

/// <summary>One row of <c>identity.audit_log</c>: who did what to what, and when.</summary>
internal sealed class AuditEntry
{
    public Guid Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>Null for an anonymous attempt (a sign-in with an unknown login) or the system.</summary>
    public Guid? ActorId { get; set; }
    public required string ActorName { get; set; }
    public required string Action { get; set; }
    public required string Target { get; set; }
    public string? Details { get; set; }
}
