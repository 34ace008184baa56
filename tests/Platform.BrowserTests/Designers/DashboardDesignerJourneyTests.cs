using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Studio.Tests.Hosting;

namespace Platform.BrowserTests.Designers;

/// <summary>
/// The dashboard designer and the end-user dashboard in headless Chromium, on a small order app set up through the API:
/// two widgets added back to back both draw, and the colours chosen in the report designer reach the end user's chart.
/// </summary>
public sealed class DashboardDesignerJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string App = "boards";
    private static readonly SemaphoreSlim SetupGate = new(1, 1);
    private static HttpClient? _api;

    [Fact]
    public async Task Two_widgets_added_back_to_back_are_both_drawn_every_time()
    {
        await SetUpAsync();
        var page = await fixture.NewPageAsync(1440, 900);
        var console = new List<string>();
        page.Console += (_, m) => { lock (console) console.Add($"{m.Type}: {m.Text}"); };
        await SignInAsync(page, $"/studio/apps/{App}");
        for (var round = 1; round <= 5; round++)
        {
            await page.GotoAsync($"/studio/apps/{App}/dashboards/new");
            await page.Locator(".dashboard-grid[data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            // No pause between the clicks: the second load overtakes the first.
            await page.ClickAsync(".dashboard-add-by_stage");
            await page.ClickAsync(".dashboard-add-by_customer");
            foreach (var widget in new[] { "by_stage", "by_customer" })
            {
                try { await page.Locator($".dashboard-widget[data-widget={widget}] .report-echart[data-rendered]").WaitForAsync(); }
                catch (TimeoutException)
                {
                    await BrowserFixture.ScreenshotAsync(page, $"dashboard-race-round-{round}");
                    Assert.Fail($"Round {round}: widget {widget} was never drawn. Browser console:\n{string.Join("\n", console)}");
                }
            }
            // Both widgets belong to gridstack (draggable and resizable), not just to the markup.
            Assert.Equal(2, await page.Locator(".dashboard-grid > .grid-stack-item").EvaluateAllAsync<int>("els => els.filter(e => !!e.gridstackNode).length"));
        }
        Assert.DoesNotContain(console, line => line.StartsWith("error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_end_user_dashboard_draws_each_report_in_the_colours_set_in_the_report_designer()
    {
        await SetUpAsync();
        var page = await fixture.NewPageAsync(1440, 900);
        await SignInAsync(page, $"/apps/{App}/dashboards/board");
        var chart = page.Locator(".dash-widget[data-widget=stage] .echart");
        await page.Locator(".dash-widget[data-widget=stage] .echart[data-rendered]").WaitForAsync();
        var palette = await chart.EvaluateAsync<string[]>("el => echarts.getInstanceByDom(el).getOption().color");
        Assert.Equal(["#c62828", "#2e7d32"], palette.Take(2));
        // A report without colours keeps ECharts' default palette.
        await page.Locator(".dash-widget[data-widget=customer] .echart[data-rendered]").WaitForAsync();
        var other = await page.Locator(".dash-widget[data-widget=customer] .echart").EvaluateAsync<string[]>("el => echarts.getInstanceByDom(el).getOption().color");
        Assert.NotEqual("#c62828", other[0]);
        await BrowserFixture.ScreenshotAsync(page, "dashboard-report-colours");
    }

    [Fact]
    public async Task A_report_is_compared_with_an_earlier_version_and_rolled_back_as_a_new_version()
    {
        var api = await SetUpAsync();
        await Ok(api.PutAsJsonAsync($"/api/reports/apps/{App}/reports/rollback_me", JsonNode.Parse(ReportJson("rollback_me", "stage", "column", ""))));
        await Ok(api.PostAsync($"/api/reports/apps/{App}/reports/rollback_me/publish", null));

        var page = await fixture.NewPageAsync(1440, 1000);
        await SignInAsync(page, $"/studio/apps/{App}/reports/rollback_me/design");
        await page.Locator(".report-preview .report-echart[data-chart=column][data-rendered]").WaitForAsync();
        await page.ClickAsync(".chart-type-bar");
        await page.Locator(".report-preview .report-echart[data-chart=bar][data-rendered]").WaitForAsync();
        await page.ClickAsync("button.report-publish");
        await page.Locator(".versions-panel .version-row[data-version='2']").WaitForAsync();
        Assert.Equal(2, await page.Locator(".versions-panel .version-row").CountAsync());
        // Who published is a name, not an id.
        var by = (await page.Locator(".version-row[data-version='1'] .version-by").TextContentAsync())?.Trim();
        Assert.False(string.IsNullOrEmpty(by) || Guid.TryParse(by, out _), $"publisher shown as '{by}'");

        // v1 against the current version: the chart type, in words.
        await page.ClickAsync(".version-row[data-version='1'] .version-compare-current");
        var chartRow = page.Locator(".diff-row[data-area=chart]");
        await chartRow.WaitForAsync();
        var text = await chartRow.TextContentAsync();
        Assert.Contains("column", text);
        Assert.Contains("bar", text);
        Assert.Contains("v1 → v2", await page.Locator(".diff-title").TextContentAsync());
        await BrowserFixture.ScreenshotAsync(page, "report-versions-compare");

        await page.ClickAsync(".version-row[data-version='1'] .version-rollback");
        await page.ClickAsync(".version-row[data-version='1'] .version-rollback-confirm");
        await page.Locator(".versions-panel .version-row[data-version='3']").WaitForAsync();
        // The editor shows the rolled-back design, and the engine serves it as version 3.
        await page.Locator(".report-preview .report-echart[data-chart=column][data-rendered]").WaitForAsync();
        var current = await api.GetFromJsonAsync<JsonObject>($"/api/reports/apps/{App}/reports/rollback_me");
        Assert.Equal((3, "column"), (current!["version"]!.GetValue<int>(), current["chart"]!["type"]!.GetValue<string>()));
        await BrowserFixture.ScreenshotAsync(page, "report-versions-rolled-back");
    }

    private async Task<HttpClient> SetUpAsync()
    {
        await SetupGate.WaitAsync();
        try
        {
            if (_api is not null) return _api;
            var api = fixture.Studio.CreateClient();
            var token = await api.PostAsJsonAsync("/api/auth/token", new { email = StudioProcess.AdminEmail, password = StudioProcess.AdminPassword, name = "dashboard-journey" });
            token.EnsureSuccessStatusCode();
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>());
            await Ok(api.PutAsJsonAsync($"/api/apps/{App}", new { key = App, name = new { en = "Boards", zh = "看板" } }));
            await Ok(api.PutAsJsonAsync($"/api/apps/{App}/forms/orders/draft", JsonNode.Parse(FormJson)));
            await Ok(api.PostAsync($"/api/apps/{App}/forms/orders/publish", null));
            foreach (var (customer, stage, amount) in new[] { ("华东电子", "lead", 10), ("华南制造", "won", 40), ("北方物流", "won", 25), ("西部能源", "lead", 30) })
                await Ok(api.PostAsJsonAsync($"/api/apps/{App}/forms/orders/records", new { customer, stage, amount }));
            await Ok(api.PutAsJsonAsync($"/api/reports/apps/{App}/reports/by_stage", JsonNode.Parse(ReportJson("by_stage", "stage", "pie", """, "colors": ["#c62828", "#2e7d32"]"""))));
            await Ok(api.PostAsync($"/api/reports/apps/{App}/reports/by_stage/publish", null));
            await Ok(api.PutAsJsonAsync($"/api/reports/apps/{App}/reports/by_customer", JsonNode.Parse(ReportJson("by_customer", "customer", "column", ""))));
            await Ok(api.PostAsync($"/api/reports/apps/{App}/reports/by_customer/publish", null));
            await Ok(api.PutAsJsonAsync($"/api/reports/apps/{App}/dashboards/board", JsonNode.Parse(DashboardJson)));
            await Ok(api.PostAsync($"/api/reports/apps/{App}/dashboards/board/publish", null));
            return _api = api;
        }
        finally { SetupGate.Release(); }
    }

    internal static async Task SignInAsync(IPage page, string returnUrl)
    {
        await page.GotoAsync($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("#email", StudioProcess.AdminEmail);
        await page.FillAsync("#password", StudioProcess.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex(Regex.Escape(returnUrl) + "$"));
        await BrowserFixture.WaitForInteractivityAsync(page);
    }

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private const string FormJson = """
        {
          "app": "boards", "key": "orders", "name": { "en": "Orders", "zh": "订单" }, "titleField": "customer",
          "fields": [
            { "key": "customer", "type": "text", "label": { "en": "Customer", "zh": "客户" }, "required": true },
            { "key": "stage", "type": "select", "label": { "en": "Stage", "zh": "阶段" },
              "options": [ { "key": "lead", "label": { "en": "Lead", "zh": "线索" } }, { "key": "won", "label": { "en": "Won", "zh": "赢单" } } ] },
            { "key": "amount", "type": "money", "label": { "en": "Amount", "zh": "金额" } }
          ]
        }
        """;

    private static string ReportJson(string key, string dimension, string chart, string colors) => $$"""
        {
          "app": "boards", "key": "{{key}}", "name": { "en": "{{key}}", "zh": "{{key}}" },
          "source": { "form": "orders" },
          "dimensions": [ { "field": "{{dimension}}" } ],
          "measures": [ { "key": "amount", "aggregate": "sum", "field": "amount", "format": "money", "label": { "en": "Amount", "zh": "金额" } } ],
          "chart": { "type": "{{chart}}"{{colors}} }
        }
        """;

    private const string DashboardJson = """
        {
          "app": "boards", "key": "board", "name": { "en": "Board", "zh": "看板" },
          "widgets": [
            { "id": "stage", "report": "by_stage", "x": 0, "y": 0, "w": 6, "h": 4 },
            { "id": "customer", "report": "by_customer", "x": 6, "y": 0, "w": 6, "h": 4 }
          ]
        }
        """;
}
