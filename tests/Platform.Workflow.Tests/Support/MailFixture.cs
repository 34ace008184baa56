namespace Platform.Workflow.Tests.Support;

/// <summary>The workflow fixture with its SMTP settings pointing at a local test SMTP server.</summary>
public sealed class MailFixture : WorkflowFixture
{
    public SmtpListener Smtp { get; } = new();

    protected override void ConfigureWorkflow(WorkflowOptions options)
    {
        base.ConfigureWorkflow(options);
        options.Smtp.Host = "127.0.0.1";
        options.Smtp.Port = Smtp.Port;
        options.Smtp.From = "crm@example.test";
    }
}
