namespace Platform.Workflow;

/// <summary>Settings of the workflow engine and worker (section "Workflow").</summary>
public sealed class WorkflowOptions
{
    /// <summary>Identifies this process in job leases; defaults to machine name + process id.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);
    public int BatchSize { get; set; } = 50;

    /// <summary>First retry delay of a failed job; doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(30);

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Time zone of cron schedules without lc:timeZone and of the business calendar.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Working time for timers and due times marked lc:calendar="business".</summary>
    public Timers.BusinessCalendarOptions Calendar { get; set; } = new();
}

/// <summary>Outgoing mail server for e-mail notifications.</summary>
public sealed class SmtpSettings
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "workflow@localhost";
}
