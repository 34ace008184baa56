using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Studio.Tests.Hosting;

namespace Platform.BrowserTests.Runtime;

public sealed class RecordJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string App = "journey";
    private const string Form = "lead";

    [Fact]
    public async Task A_record_refused_for_its_errors_is_fixed_saved_protected_from_lost_updates_and_listed()
    {
        using var api = await PublishLeadFormAsync();

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/signin?returnUrl=%2Fapps%2F{App}%2Fforms%2F{Form}");
        await page.FillAsync("#email", StudioProcess.AdminEmail);
        await page.FillAsync("#password", StudioProcess.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex($"/apps/{App}/forms/{Form}$"));
        await page.Locator(".list-empty").WaitForAsync();
        await BrowserFixture.WaitForInteractivityAsync(page);
        Assert.Equal("渠道线索", (await page.Locator(".list-title").TextContentAsync())?.Trim());

        await page.ClickAsync(".list-new");
        await page.WaitForURLAsync(new Regex($"/apps/{App}/forms/{Form}/new$"));
        await BrowserFixture.WaitForInteractivityAsync(page);
        await page.Locator(".field-amount input").FillAsync("-5");
        await page.ClickAsync(".record-save");

        await page.Locator(".field-name").GetByText("客户名称为必填项。").WaitForAsync();
        await page.Locator(".field-amount").GetByText("预计金额不能小于 0。").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "runtime-record-errors");

        await page.Locator(".field-name input").FillAsync("华东渠道线索");
        await page.Locator(".field-amount input").FillAsync("1200");
        await page.ClickAsync(".record-save");
        await page.WaitForURLAsync(new Regex($"/apps/{App}/forms/{Form}/records/[0-9a-f-]{{36}}$"));
        await page.Locator(".history-entry").First.WaitForAsync();
        Assert.Contains("华东渠道线索", await page.Locator(".record-heading").TextContentAsync());
        await BrowserFixture.ScreenshotAsync(page, "runtime-record-saved");
        var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        // Show rule applied live: the reason appears only once the stage is "lost".
        Assert.Equal(0, await page.Locator(".field-reason").CountAsync());
        await page.Locator(".field-stage .mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("已流失").ClickAsync();
        await page.Locator(".field-reason textarea").FillAsync("预算取消");

        // Someone else saves first: nothing is overwritten, the user is told and can reload.
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/apps/{App}/forms/{Form}/records/{id}") { Content = JsonContent.Create(new { amount = 1500 }) };
        patch.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var patched = await api.SendAsync(patch);
        Assert.True(patched.IsSuccessStatusCode, await patched.Content.ReadAsStringAsync());
        await page.ClickAsync(".record-save");
        await page.Locator(".record-conflict").GetByText("其他人已先保存了这条记录").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "runtime-record-conflict");
        await page.ClickAsync(".record-reload");
        await page.Locator(".record-version").GetByText("版本 2").WaitForAsync();
        Assert.Equal("1500", await page.Locator(".field-amount input").InputValueAsync());

        await page.ClickAsync(".record-back");
        await page.WaitForURLAsync(new Regex($"/apps/{App}/forms/{Form}$"));
        var cell = page.Locator(".list-row .cell-name");
        await cell.First.WaitForAsync();
        Assert.Equal(["华东渠道线索"], (await cell.AllTextContentsAsync()).Select(t => t.Trim()));
        await BrowserFixture.ScreenshotAsync(page, "runtime-record-list");
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "runtime-record-list-phone");
    }

    private async Task<HttpClient> PublishLeadFormAsync()
    {
        var api = fixture.Studio.CreateClient();
        var token = await api.PostAsJsonAsync("/api/auth/token", new { email = StudioProcess.AdminEmail, password = StudioProcess.AdminPassword, name = "journey" });
        token.EnsureSuccessStatusCode();
        var secret = (await token.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        (await api.PutAsJsonAsync($"/api/apps/{App}", new { key = App, name = new { en = "Journey CRM", zh = "旅程客户管理" } })).EnsureSuccessStatusCode();
        var draft = JsonNode.Parse($$"""
        {
          "app": "{{App}}", "key": "{{Form}}", "name": { "en": "Channel leads", "zh": "渠道线索" }, "titleField": "name",
          "fields": [
            { "key": "name", "type": "text", "label": { "en": "Customer", "zh": "客户名称" }, "required": true },
            { "key": "amount", "type": "money", "label": { "en": "Expected amount", "zh": "预计金额" }, "min": 0 },
            { "key": "stage", "type": "select", "label": { "en": "Stage", "zh": "阶段" },
              "options": [ { "key": "new", "label": { "en": "New", "zh": "新线索" }, "color": "#1976d2" },
                           { "key": "lost", "label": { "en": "Lost", "zh": "已流失" }, "color": "#c62828" } ] },
            { "key": "reason", "type": "textarea", "label": { "en": "Reason lost", "zh": "流失原因" } }
          ],
          "rules": [ { "kind": "Show", "when": "stage == 'lost'", "fields": ["reason"] } ]
        }
        """);
        var saved = await api.PutAsJsonAsync($"/api/apps/{App}/forms/{Form}/draft", draft);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        var published = await api.PostAsync($"/api/apps/{App}/forms/{Form}/publish", null);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        return api;
    }
}
