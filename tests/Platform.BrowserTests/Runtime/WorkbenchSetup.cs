using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Core.Database;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Studio.Tests.Hosting;

namespace Platform.BrowserTests.Runtime;

/// <summary>
/// A small deal app on the running Studio, set up through its public API and the organisation service: an approver,
/// two partners with one partner user, a deal form with an approval workflow for large deals, a report and a dashboard.
/// </summary>
public sealed class WorkbenchSetup
{
    public const string App = "flow";
    public const string Form = "deal";
    public const string Password = "Journey-pass-2024";

    public required HttpClient Admin { get; init; }
    public required string ApproverEmail { get; init; }
    public required string PartnerUserEmail { get; init; }
    public required Guid EastPartner { get; init; }
    public required Guid SouthPartner { get; init; }

    public static async Task<WorkbenchSetup> CreateAsync(StudioProcess studio)
    {
        var api = studio.CreateClient();
        var token = await api.PostAsJsonAsync("/api/auth/token", new { email = StudioProcess.AdminEmail, password = StudioProcess.AdminPassword, name = "workbench" });
        token.EnsureSuccessStatusCode();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>());

        var approverEmail = $"approver-{Guid.NewGuid():N}@example.com";
        var partnerEmail = $"partner-{Guid.NewGuid():N}@example.com";
        var (approver, east, south) = await WithAdminAsync(studio, async admin =>
        {
            var approverId = await admin.CreateUserAsync(new NewUser(approverEmail, "王审批", Password), CancellationToken.None);
            var eastId = await admin.CreatePartnerAsync(new NewPartner("华东伙伴", "EAST"), CancellationToken.None);
            var southId = await admin.CreatePartnerAsync(new NewPartner("华南伙伴", "SOUTH"), CancellationToken.None);
            await admin.CreateUserAsync(new NewUser(partnerEmail, "华东销售", Password, PartnerId: eastId), CancellationToken.None);
            return (approverId, eastId, southId);
        });

        await Ok(api.PutAsJsonAsync($"/api/apps/{App}", new { key = App, name = new { en = "Deals", zh = "商机审批" } }));
        await Ok(api.PutAsJsonAsync($"/api/apps/{App}/forms/{Form}/draft", JsonNode.Parse(FormJson)));
        await Ok(api.PostAsync($"/api/apps/{App}/forms/{Form}/publish", null));

        await Ok(api.PutAsync("/api/workflow/definitions/deal_approval/draft", new StringContent(WorkflowXml(approver), Encoding.UTF8, "application/xml")));
        await Ok(api.PostAsync("/api/workflow/definitions/deal_approval/publish", null));

        await Ok(api.PutAsJsonAsync($"/api/reports/apps/{App}/reports/deals_by_status", JsonNode.Parse(ReportJson("deals_by_status", "status", "column", "按状态统计", "Deals by status"))));
        await Ok(api.PostAsync($"/api/reports/apps/{App}/reports/deals_by_status/publish", null));
        await Ok(api.PutAsJsonAsync($"/api/reports/apps/{App}/reports/deals_by_partner", JsonNode.Parse(ReportJson("deals_by_partner", "partner", "table", "按伙伴统计", "Deals by partner"))));
        await Ok(api.PostAsync($"/api/reports/apps/{App}/reports/deals_by_partner/publish", null));
        await Ok(api.PutAsJsonAsync($"/api/reports/apps/{App}/dashboards/deal_board", JsonNode.Parse(DashboardJson)));
        await Ok(api.PostAsync($"/api/reports/apps/{App}/dashboards/deal_board/publish", null));

        // Small deals (no approval): one per partner, plus two internal drafts.
        foreach (var (name, amount, partner, status) in new[] { ("华东-甲", 500, (Guid?)east, "draft"), ("华南-乙", 800, south, "draft"), ("总部-丙", 300, null, "draft"), ("总部-丁", 200, null, "rejected") })
            await Ok(api.PostAsJsonAsync($"/api/apps/{App}/forms/{Form}/records", new { name, amount, partner = partner?.ToString(), status }));

        return new WorkbenchSetup { Admin = api, ApproverEmail = approverEmail, PartnerUserEmail = partnerEmail, EastPartner = east, SouthPartner = south };
    }

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<T> WithAdminAsync<T>(StudioProcess studio, Func<IOrganizationAdmin, Task<T>> action)
    {
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddPlatformDatabase(studio.ConnectionString).AddPlatformIdentity();
        await using var sp = services.BuildServiceProvider();
        await using var scope = sp.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IOrganizationAdmin>());
    }

    private const string FormJson = """
        {
          "app": "flow", "key": "deal", "name": { "en": "Deals", "zh": "商机" }, "titleField": "name", "partnerField": "partner",
          "fields": [
            { "key": "name", "type": "text", "label": { "en": "Deal", "zh": "商机名称" }, "required": true },
            { "key": "amount", "type": "money", "label": { "en": "Amount", "zh": "金额" }, "min": 0 },
            { "key": "partner", "type": "partner", "label": { "en": "Partner", "zh": "渠道伙伴" } },
            { "key": "status", "type": "select", "label": { "en": "Status", "zh": "状态" },
              "options": [ { "key": "draft", "label": { "en": "Draft", "zh": "草稿" }, "color": "#757575" },
                           { "key": "pending", "label": { "en": "Pending", "zh": "待审批" }, "color": "#ed6c02" },
                           { "key": "approved", "label": { "en": "Approved", "zh": "已批准" }, "color": "#2e7d32" },
                           { "key": "rejected", "label": { "en": "Rejected", "zh": "已驳回" }, "color": "#c62828" } ] }
          ]
        }
        """;

    private static string WorkflowXml(Guid approver) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:lc="https://lowcode-platform.dev/schema/workflow/1.0" id="Defs" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="deal_approval" name="大额商机审批" isExecutable="true">
            <bpmn:startEvent id="start" lc:trigger="recordCreated" lc:form="flow/deal" lc:condition="amount &gt; 10000" />
            <bpmn:userTask id="review" name="经理审批" lc:approvers="user:{{approver}}" lc:onReject="continue" lc:due="P2D" />
            <bpmn:exclusiveGateway id="decision" default="no" />
            <bpmn:serviceTask id="approve" name="标记已批准" lc:action="updateRecord"><bpmn:extensionElements><lc:set field="status" expr="'approved'" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="reject" name="标记已驳回" lc:action="updateRecord"><bpmn:extensionElements><lc:set field="status" expr="'rejected'" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="tell" name="通知提交人" lc:action="notify" lc:channel="inApp" lc:to="submitter" lc:subject="商机审批结束" lc:body="您的商机已处理。" />
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="decision" />
            <bpmn:sequenceFlow id="yes" sourceRef="decision" targetRef="approve"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">outcome == 'approved'</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="no" sourceRef="decision" targetRef="reject" />
            <bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="tell" />
            <bpmn:sequenceFlow id="f4" sourceRef="reject" targetRef="tell" />
            <bpmn:sequenceFlow id="f5" sourceRef="tell" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static string ReportJson(string key, string dimension, string chart, string zh, string en) => $$"""
        {
          "app": "flow", "key": "{{key}}", "name": { "en": "{{en}}", "zh": "{{zh}}" },
          "source": { "form": "deal" },
          "dimensions": [ { "field": "{{dimension}}" } ],
          "measures": [ { "key": "deals", "aggregate": "count", "label": { "en": "Deals", "zh": "商机数" } },
                        { "key": "amount", "aggregate": "sum", "field": "amount", "format": "money", "label": { "en": "Amount", "zh": "金额" } } ],
          "chart": { "type": "{{chart}}" }
        }
        """;

    private const string DashboardJson = """
        {
          "app": "flow", "key": "deal_board", "name": { "en": "Deal board", "zh": "商机看板" }, "refreshSeconds": 300,
          "widgets": [
            { "id": "status", "report": "deals_by_status", "x": 0, "y": 0, "w": 7, "h": 5 },
            { "id": "partners", "report": "deals_by_partner", "x": 7, "y": 0, "w": 5, "h": 5 }
          ]
        }
        """;
}
