using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Platform.Core.Database;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Studio.Tests.Hosting;

namespace Platform.BrowserTests.Runtime;

/// <summary>
/// The bell in the app bar: a workflow notifies a user about two new tickets; the badge counts them, the dropdown lists
/// them, and clicking one opens its record and marks it read.
/// </summary>
public sealed class NotificationJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string App = "bell";
    private const string Form = "ticket";
    private const string Password = "Bell-pass-2024";

    [Fact]
    public async Task A_workflow_notification_shows_in_the_bell_opens_its_record_and_is_marked_read()
    {
        var email = $"bell-{Guid.NewGuid():N}@example.com";
        var userId = await CreateUserAsync(email, "李通知");
        using var api = await AdminApiAsync();
        await Ok(api.PutAsJsonAsync($"/api/apps/{App}", new { key = App, name = new { en = "Tickets", zh = "工单" } }));
        await Ok(api.PutAsJsonAsync($"/api/apps/{App}/forms/{Form}/draft", JsonNode.Parse(FormJson)));
        await Ok(api.PostAsync($"/api/apps/{App}/forms/{Form}/publish", null));
        await Ok(api.PutAsync("/api/workflow/definitions/ticket_notice/draft", new StringContent(WorkflowXml(userId), Encoding.UTF8, "application/xml")));
        await Ok(api.PostAsync("/api/workflow/definitions/ticket_notice/publish", null));

        var records = new Dictionary<string, string>();
        foreach (var name in new[] { "打印机故障", "网络中断" })
        {
            using var created = await api.PostAsJsonAsync($"/api/apps/{App}/forms/{Form}/records", new { name });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["record"]!["id"]!.GetValue<string>();
            records[id] = name;
        }

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/signin?returnUrl=%2F");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await BrowserFixture.WaitForInteractivityAsync(page);

        // The worker sends both notifications shortly after the saves; the badge polls every 10 s.
        await page.Locator(".bell-badge[data-unread='2']").WaitForAsync(new() { Timeout = 120_000 });
        Assert.Equal(0, await page.Locator(".bell-list").CountAsync());
        await page.ClickAsync(".bell-button");
        await page.Locator(".bell-list").WaitForAsync();
        Assert.Equal(2, await page.Locator(".bell-list .bell-unread").CountAsync());
        Assert.Equal(2, await page.Locator(".bell-list .bell-item").GetByText("工单已登记").CountAsync());
        Assert.True(await page.Locator(".bell-list").IsVisibleAsync());
        await BrowserFixture.ScreenshotAsync(page, "bell-open");

        await page.Locator(".bell-list .bell-item").First.ClickAsync();
        await page.WaitForURLAsync(new Regex($"/apps/{App}/forms/{Form}/records/[0-9a-f-]{{36}}$"));
        var opened = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        Assert.True(records.ContainsKey(opened), $"the bell opened {page.Url}, not one of the notified records");
        await page.Locator(".record-heading").GetByText(records[opened]).WaitForAsync();
        await page.Locator(".bell-badge[data-unread='1']").WaitForAsync();
        Assert.Equal(0, await page.Locator(".bell-list").CountAsync());

        await page.ClickAsync(".bell-button");
        await page.Locator(".bell-list").WaitForAsync();
        Assert.Equal(1, await page.Locator(".bell-list .bell-unread").CountAsync());
        Assert.Equal(2, await page.Locator(".bell-list .bell-item").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "bell-after-read");
    }

    private async Task<HttpClient> AdminApiAsync()
    {
        var api = fixture.Studio.CreateClient();
        var token = await api.PostAsJsonAsync("/api/auth/token", new { email = StudioProcess.AdminEmail, password = StudioProcess.AdminPassword, name = "bell" });
        token.EnsureSuccessStatusCode();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>());
        return api;
    }

    private async Task<Guid> CreateUserAsync(string email, string name)
    {
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddPlatformDatabase(fixture.Studio.ConnectionString).AddPlatformIdentity();
        await using var sp = services.BuildServiceProvider();
        await using var scope = sp.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IOrganizationAdmin>().CreateUserAsync(new NewUser(email, name, Password), CancellationToken.None);
    }

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private const string FormJson = """
        {
          "app": "bell", "key": "ticket", "name": { "en": "Tickets", "zh": "工单" }, "titleField": "name",
          "fields": [ { "key": "name", "type": "text", "label": { "en": "Subject", "zh": "主题" }, "required": true } ]
        }
        """;

    private static string WorkflowXml(Guid user) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:lc="https://lowcode-platform.dev/schema/workflow/1.0" id="Defs" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="ticket_notice" name="工单通知" isExecutable="true">
            <bpmn:startEvent id="start" lc:trigger="recordCreated" lc:form="bell/ticket" />
            <bpmn:serviceTask id="tell" name="通知值班" lc:action="notify" lc:channel="inApp" lc:to="user:{{user}}" lc:subject="工单已登记" lc:body="请处理。" />
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="tell" />
            <bpmn:sequenceFlow id="f2" sourceRef="tell" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
