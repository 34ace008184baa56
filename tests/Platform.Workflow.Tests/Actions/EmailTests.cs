using Platform.Workflow.Runtime;
using Platform.Workflow.Tests.Support;

namespace Platform.Workflow.Tests.Actions;

public sealed class EmailTests(MailFixture f) : IClassFixture<MailFixture>
{
    [Fact]
    public async Task Email_notifications_reach_a_real_smtp_server_with_recipients_copies_and_idempotency_key()
    {
        var manager = f.Org.AddUser("mail_manager");
        var owner = f.Org.AddUser("mail_owner", manager: manager.Id);
        await f.PublishAsync(Bpmn.Process("mail_flow", $"""
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="mail" lc:action="notify" lc:channel="email" lc:to="field:owner" lc:cc="fieldManager:owner" lc:subject="报价 [[title]] 待处理" lc:body="金额 [[amount]]" />
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "mail")}{Bpmn.Flow("b", "mail", "end")}
            """).Replace("[[", "{{").Replace("]]", "}}"));
        var record = await f.CreateRecordAsync("crm", "quotes", new { title = "Q-1", amount = 120000 }, owner.Id, owner: owner.Id);
        var id = await f.Get<IWorkflowRuntime>().StartAsync("mail_flow", record, null, f.Admin, default);
        Assert.Equal("completed", await f.StatusAsync(id));
        Assert.Empty(f.Smtp.Mails);
        await f.PumpAsync();
        var mail = Assert.Single(f.Smtp.Mails);
        Assert.Equal(["mail_owner@example.test", "mail_manager@example.test"], mail.Recipients);
        Assert.Contains("X-Idempotency-Key: effect:", mail.Data);
        Assert.Equal(0, await f.QuerySingleAsync<long>("SELECT count(*) FROM workflow.jobs"));
    }
}
