using System.Text.Json.Nodes;
using Platform.Workflow.Actions;
using Platform.Workflow.Jobs;
using Platform.Workflow.Runtime;
using Platform.Workflow.Tests.Support;

namespace Platform.Workflow.Tests.Actions;

public sealed class ActionTests(WorkflowFixture f) : IClassFixture<WorkflowFixture>
{

    [Fact]
    public async Task An_http_step_retries_with_back_off_then_maps_the_response_into_variables()
    {
        await using var server = await HttpReceiver.StartAsync();
        server.Respond = (n, _) => n < 2 ? (503, "{\"error\":\"busy\"}") : (200, "{\"data\":{\"id\":\"C-42\",\"score\":7}}");
        await f.PublishAsync(Bpmn.Process("http_flow", $"""
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="call" lc:action="http" lc:method="POST" lc:url="{server.BaseUrl}/customers" lc:body="[[name]]" lc:retries="3">
              <bpmn:extensionElements><lc:header name="X-Tenant" value="acme" /><lc:map var="customerId" path="data.id" /></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "call")}{Bpmn.Flow("b", "call", "end")}
            """).Replace("[[name]]", "{&quot;name&quot;:&quot;{{name}}&quot;}"));
        var id = await f.Get<IWorkflowRuntime>().StartAsync("http_flow", null, new() { ["name"] = "Acme" }, f.Admin, default);
        await f.PumpAsync();
        Assert.Single(server.Requests);
        await f.AdvanceAsync(TimeSpan.FromSeconds(9));
        Assert.Single(server.Requests);
        await f.AdvanceAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(2, server.Requests.Count);
        await f.AdvanceAsync(TimeSpan.FromSeconds(21));
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal("completed", await f.StatusAsync(id));
        Assert.Equal("C-42", (await f.Get<IInstanceView>().GetAsync(id, f.Admin, default)).Variables["customerId"]!.GetValue<string>());
        Assert.Equal("{\"name\":\"Acme\"}", server.Requests[0].Body);
        Assert.Equal("acme", server.Requests[0].Headers["X-Tenant"]);
        Assert.Single(server.Requests.Select(r => r.Headers["Idempotency-Key"]).Distinct());
    }

    [Fact]
    public async Task An_http_step_failing_every_attempt_becomes_an_incident_and_skipping_moves_on()
    {
        await using var server = await HttpReceiver.StartAsync();
        server.Respond = (_, _) => (500, "{}");
        await f.PublishAsync(Bpmn.Process("http_fail", $"""
            <bpmn:startEvent id="start" /><bpmn:serviceTask id="call" lc:action="http" lc:url="{server.BaseUrl}/x" lc:retries="1" /><bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "call")}{Bpmn.Flow("b", "call", "end")}
            """));
        var id = await f.Get<IWorkflowRuntime>().StartAsync("http_fail", null, null, f.Admin, default);
        await f.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(2, server.Requests.Count);
        var incident = Assert.Single(await f.Get<IWorkflowIncidents>().ListOpenAsync(f.Admin, default), i => i.InstanceId == id);
        Assert.Contains("500", incident.Error);
        await f.Get<IWorkflowIncidents>().SkipAsync(incident.Id, f.Admin, default);
        await f.PumpAsync();
        Assert.Equal("completed", await f.StatusAsync(id));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task DingTalk_robots_get_a_signed_url_and_WeCom_robots_the_message()
    {
        await using var server = await HttpReceiver.StartAsync();
        await f.PublishAsync(Bpmn.Process("robots", $"""
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="ding" lc:action="notify" lc:channel="dingTalk" lc:webhook="{server.BaseUrl}/robot/send?access_token=abc" lc:secret="SECxyz" lc:subject="新线索" lc:body="[[name]]" />
            <bpmn:serviceTask id="wecom" lc:action="notify" lc:channel="weCom" lc:webhook="{server.BaseUrl}/cgi-bin/webhook/send?key=k1" lc:body="[[name]]" />
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "ding")}{Bpmn.Flow("b", "ding", "wecom")}{Bpmn.Flow("c", "wecom", "end")}
            """).Replace("[[name]]", "{{name}}"));
        await f.Get<IWorkflowRuntime>().StartAsync("robots", null, new() { ["name"] = "华东客户" }, f.Admin, default);
        await f.PumpAsync();
        var ding = Assert.Single(server.Requests, r => r.PathAndQuery.StartsWith("/robot/send"));
        var timestamp = f.Time.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Contains($"timestamp={timestamp}", ding.PathAndQuery);
        Assert.Contains("sign=" + Uri.EscapeDataString(EffectDelivery.DingTalkSign(timestamp, "SECxyz")), ding.PathAndQuery);
        Assert.Equal("新线索\n华东客户", JsonNode.Parse(ding.Body)!["text"]!["content"]!.GetValue<string>());
        var wecom = Assert.Single(server.Requests, r => r.PathAndQuery.StartsWith("/cgi-bin/webhook/send?key=k1"));
        Assert.Equal("华东客户", JsonNode.Parse(wecom.Body)!["text"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public void DingTalk_signature_matches_the_documented_algorithm()
    {
        // HMAC-SHA256 over "timestamp\nsecret" keyed by the secret, Base64 — recomputed independently here.
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData("SEC1"u8, "1700000000000\nSEC1"u8));
        Assert.Equal(expected, EffectDelivery.DingTalkSign(1700000000000, "SEC1"));
    }

    [Fact]
    public async Task Owners_are_assigned_round_robin_or_to_the_least_loaded_user()
    {
        var a = f.Org.AddUser("rr_a", roles: ["rr_sales"]);
        var b = f.Org.AddUser("rr_b", roles: ["rr_sales"]);
        string Flow(string key, string strategy) => Bpmn.Process(key, $"""
            <bpmn:startEvent id="start" lc:trigger="recordCreated" lc:form="assign/{key}" />
            <bpmn:serviceTask id="assign" lc:action="assignOwner" lc:strategy="{strategy}" lc:role="rr_sales" />
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("x", "start", "assign")}{Bpmn.Flow("y", "assign", "end")}
            """);
        await f.PublishAsync(Flow("rr", "roundRobin"));
        var rr = new List<Guid>();
        for (var i = 0; i < 4; i++) rr.Add(await f.CreateRecordAsync("assign", "rr", new { n = i }, Guid.NewGuid()));
        // Existing workload of a, saved before the least-loaded workflow exists so it leaves these records alone.
        for (var i = 0; i < 3; i++) await f.CreateRecordAsync("assign", "ll", new { n = i }, a.Id, owner: a.Id);
        await f.PumpAsync();
        await f.PublishAsync(Flow("ll", "leastLoaded"));
        var ll = await f.CreateRecordAsync("assign", "ll", new { n = 9 }, Guid.NewGuid());
        await f.PumpAsync();
        var owners = new List<Guid>();
        foreach (var r in rr) owners.Add(await f.QuerySingleAsync<Guid>("SELECT owner_id FROM forms.records WHERE id = @r", new { r }));
        var order = new[] { a.Id, b.Id }.Order().ToArray();
        Assert.Equal([order[0], order[1], order[0], order[1]], owners);
        Assert.Equal(b.Id, await f.QuerySingleAsync<Guid>("SELECT owner_id FROM forms.records WHERE id = @ll", new { ll }));
    }

    [Fact]
    public async Task Update_and_create_record_actions_write_events_other_workflows_can_react_to()
    {
        await f.PublishAsync(Bpmn.Process("make_followup", $"""
            <bpmn:startEvent id="start" lc:trigger="recordCreated" lc:form="chain/visits" />
            <bpmn:serviceTask id="create" lc:action="createRecord" lc:form="chain/followups" lc:resultVar="followupId">
              <bpmn:extensionElements><lc:set field="visit" expr="record.id" /><lc:set field="note" expr="CONCAT('Follow up ', place)" /></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:serviceTask id="link" lc:action="updateRecord"><bpmn:extensionElements><lc:set field="followup" expr="followupId" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "create")}{Bpmn.Flow("b", "create", "link")}{Bpmn.Flow("c", "link", "end")}
            """));
        await f.PublishAsync(Bpmn.Process("on_followup", $"""
            <bpmn:startEvent id="start" lc:trigger="recordCreated" lc:form="chain/followups" /><bpmn:endEvent id="end" />{Bpmn.Flow("a", "start", "end")}
            """));
        var visit = await f.CreateRecordAsync("chain", "visits", new { place = "Shanghai" }, Guid.NewGuid());
        await f.PumpAsync();
        var followup = Guid.Parse((await f.RecordDataAsync(visit))["followup"]!.GetValue<string>());
        var data = await f.RecordDataAsync(followup);
        Assert.Equal("Follow up Shanghai", data["note"]!.GetValue<string>());
        Assert.Equal(visit.ToString(), data["visit"]!.GetValue<string>());
        Assert.Single(await f.InstancesOfAsync(followup));
    }

    [Fact]
    public async Task A_record_write_the_form_refuses_becomes_an_incident_and_writes_nothing_of_that_step()
    {
        await f.PublishAsync(Bpmn.Process("strict_writes", $"""
            <bpmn:startEvent id="start" lc:trigger="recordCreated" lc:form="strict/tickets" />
            <bpmn:serviceTask id="triage" lc:action="updateRecord"><bpmn:extensionElements><lc:set field="status" expr="'triaged'" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="bump" lc:action="updateRecord">
              <bpmn:extensionElements><lc:set field="status" expr="'bumped'" /><lc:set field="priority" expr="priority + 8" /></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            {Bpmn.Flow("a", "start", "triage")}{Bpmn.Flow("b", "triage", "bump")}{Bpmn.Flow("c", "bump", "end")}
            """));
        var ticket = await f.CreateRecordAsync("strict", "tickets", new { title = "Printer", priority = 1 }, Guid.NewGuid());
        await f.PumpAsync();

        var instance = Assert.Single(await f.InstancesOfAsync(ticket));
        var incident = Assert.Single(await f.Get<IWorkflowIncidents>().ListOpenAsync(f.Admin, default), i => i.InstanceId == instance);
        Assert.Equal("bump", incident.NodeId);
        Assert.Contains("priority", incident.Error);
        var data = await f.RecordDataAsync(ticket);
        Assert.Equal("triaged", data["status"]!.GetValue<string>());
        Assert.Equal(1, data["priority"]!.GetValue<decimal>());
        // The valid step left field-level history and a change event as the system; the refused one left neither.
        var history = await f.QueryAsync<string>("SELECT changes::text FROM forms.record_history WHERE record_id = @ticket ORDER BY id", new { ticket });
        Assert.Equal(2, history.Count);
        Assert.Contains("triaged", history[1]);
        Assert.Equal(2, await f.QuerySingleAsync<long>("SELECT count(*) FROM forms.record_events WHERE record_id = @ticket", new { ticket }));
        Assert.Equal(Guid.Empty, await f.QuerySingleAsync<Guid>(
            "SELECT actor_id FROM forms.record_history WHERE record_id = @ticket AND kind = 'updated'", new { ticket }));
        Assert.DoesNotContain(history, h => h.Contains("bumped"));

        await f.Get<IWorkflowIncidents>().SkipAsync(incident.Id, f.Admin, default);
        await f.PumpAsync();
        Assert.Equal("completed", await f.StatusAsync(instance));
        Assert.Equal("triaged", (await f.RecordDataAsync(ticket))["status"]!.GetValue<string>());
    }
}
