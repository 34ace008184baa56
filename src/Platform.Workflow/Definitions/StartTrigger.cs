namespace Platform.Workflow.Definitions;

/// <summary>What starts an instance: a record event, a schedule, a person, or an inbound webhook.</summary>
public enum TriggerKind
{
    Manual,
    RecordCreated,
    RecordUpdated,

    /// <summary>Created or updated.</summary>
    RecordSaved,
    FieldChanged,
    Schedule,
    DateField,
    Webhook,
}

/// <summary>A start event's trigger, from our extension attributes.</summary>
public sealed record StartTrigger
{
    public required TriggerKind Kind { get; init; }
    public string? AppKey { get; init; }
    public string? FormKey { get; init; }

    /// <summary>For field-changed triggers: any of these fields changed.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>Expression on the record (after the change) that must hold for the trigger to fire.</summary>
    public string? Condition { get; init; }

    /// <summary>Cron expression (schedules) or how often date-field schedules are checked.</summary>
    public string? Cron { get; init; }

    /// <summary>Time zone the cron expression is read in (lc:timeZone); null means WorkflowOptions.TimeZone (Asia/Shanghai).</summary>
    public string? TimeZone { get; init; }

    public string? DateField { get; init; }

    /// <summary>Added to the date field (e.g. -P3D = three days before).</summary>
    public TimeSpan DateOffset { get; init; }

    /// <summary>Shared secret for HMAC-SHA256 signed webhooks.</summary>
    public string? Secret { get; init; }

    /// <summary>When a new instance starts for a record, cancel running instances of the same workflow on it.</summary>
    public bool RestartPerRecord { get; init; }

    public bool IsRecordEvent => Kind is TriggerKind.RecordCreated or TriggerKind.RecordUpdated or TriggerKind.RecordSaved or TriggerKind.FieldChanged;
}
