using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Studio.Tests.Hosting;

namespace Platform.BrowserTests;

/// <summary>
/// The designers end to end in headless Chromium: a form built by drag and drop and published, filled in as an end
/// user with its formula computed, then a funnel and a leaderboard designed on those records and placed on a dashboard.
/// </summary>
public sealed class DesignerJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string App = "designs";

    [Fact]
    public async Task A_form_designed_by_drag_and_drop_is_published_filled_in_reported_on_and_put_on_a_dashboard()
    {
        using var api = await ApiAsync();
        (await api.PutAsJsonAsync($"/api/apps/{App}", new { key = App, name = new { en = "Designed app", zh = "设计应用" } })).EnsureSuccessStatusCode();

        var page = await fixture.NewPageAsync(1440, 900);
        var console = new List<string>();
        page.Console += (_, m) => { lock (console) console.Add($"{m.Type}: {m.Text}"); };
        await SignInAsync(page, $"/studio/apps/{App}/forms/new");
        await page.Locator(".designer-palette").WaitForAsync();

        await SetTextAsync(page.Locator(".form-key input"), "orders");
        await SetTextAsync(page.Locator(".form-name .text-zh input"), "订单");
        await SetTextAsync(page.Locator(".form-name .text-en input"), "Orders");

        // Six fields dragged from the palette onto the section.
        var zone = page.Locator(".designer-zone").First;
        await DropAsync(page, "text", zone, "customer", "客户", "Customer");
        await DropAsync(page, "select", zone, "stage", "阶段", "Stage");
        await DropAsync(page, "money", zone, "unit_price", "单价", "Unit price");
        await DropAsync(page, "subtable", zone, "lines", "明细", "Lines");
        await DropAsync(page, "formula", zone, "total", "总额", "Total");
        await DropAsync(page, "date", zone, "order_date", "下单日期", "Order date");
        Assert.Equal(6, await page.Locator(".canvas-field").CountAsync());

        // Reorder by drag: the last field on the canvas is dropped onto the first and takes its place.
        var order = await FieldOrderAsync(page);
        await page.Locator($".canvas-{order[^1]}").DragToAsync(page.Locator($".canvas-{order[0]}"));
        // Where exactly it lands depends on the half of the first field the pointer ends over; either way it leads
        // the former first field's row, and the others keep their order.
        var moved = order[^1];
        await Expect(async () =>
        {
            var now = await FieldOrderAsync(page);
            Assert.InRange(Array.IndexOf(now, moved), 0, 1);
            Assert.Equal(order.Where(k => k != moved), now.Where(k => k != moved));
        });

        // The formula: total = sum of line quantities × unit price, tried out before publishing.
        await page.Locator(".canvas-total").ClickAsync();
        await page.Locator(".formula-expression textarea").FillAsync("SUMBY(lines, 'qty') * unit_price");
        await page.Locator(".formula-sample-unit_price input").FillAsync("12.5");
        await page.Locator(".formula-sample-unit_price input").PressAsync("Tab");
        await page.ClickAsync("button.formula-test");
        await Expect(async () => Assert.Equal("= 62.5", (await page.Locator(".formula-result").TextContentAsync())?.Trim()));

        // The stage options get business names.
        await page.Locator(".canvas-stage").ClickAsync();
        await SetTextAsync(page.Locator(".option-row").Nth(0).Locator(".option-zh input"), "线索");
        await SetTextAsync(page.Locator(".option-row").Nth(1).Locator(".option-zh input"), "赢单");
        await BrowserFixture.ScreenshotAsync(page, "designer-form-canvas");

        await page.ClickAsync("button.designer-publish");
        await page.WaitForURLAsync(new Regex($"/studio/apps/{App}/forms/orders/design$"));
        await page.Locator(".designer-status").GetByText("已发布 v1").WaitForAsync();

        await page.ClickAsync(".designer-tab-preview");
        await page.Locator(".form-preview .field-customer").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "designer-form-preview");

        // An end user fills the published form; the engine computes the formula.
        await page.GotoAsync($"/apps/{App}/forms/orders/new");
        await BrowserFixture.WaitForInteractivityAsync(page);
        await page.Locator(".field-customer input").FillAsync("华东电子");
        await page.Locator(".field-unit_price input").FillAsync("12.5");
        await page.ClickAsync(".field-lines .subtable-add");
        await page.ClickAsync(".field-lines .subtable-add");
        await page.Locator(".field-lines .subtable-row").Nth(0).Locator(".field-qty input").FillAsync("2");
        await page.Locator(".field-lines .subtable-row").Nth(1).Locator(".field-qty input").FillAsync("3");
        await page.ClickAsync(".record-save");
        await page.WaitForURLAsync(new Regex($"/apps/{App}/forms/orders/records/[0-9a-f-]{{36}}$"));
        await Expect(async () => Assert.Contains("62.5", await page.Locator(".field-total").TextContentAsync()));
        await BrowserFixture.ScreenshotAsync(page, "designer-form-filled");

        // More orders through the API, so the funnel and the leaderboard have something to show.
        foreach (var (customer, stage, price) in new[] { ("华南制造", "option_1", 10), ("北方物流", "option_2", 40), ("西部能源", "option_2", 25), ("华东电子", "option_2", 30) })
        {
            var created = await api.PostAsJsonAsync($"/api/apps/{App}/forms/orders/records",
                new { customer, stage, unit_price = price, lines = new[] { new { item = "A", qty = 2 } } });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        await DesignReportAsync(page, "order-funnel", "订单漏斗", "funnel", dimension: "stage", measure: "");
        await DesignReportAsync(page, "leaders", "客户龙虎榜", "ranking", dimension: "customer", measure: "total");

        // The dashboard: both reports placed on the grid, one widget dragged wider.
        await page.GotoAsync($"/studio/apps/{App}/dashboards/new");
        await page.Locator(".dashboard-grid[data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await SetTextAsync(page.Locator(".dashboard-key input"), "sales");
        await SetTextAsync(page.Locator(".dashboard-name .text-zh input"), "销售看板");
        await SetTextAsync(page.Locator(".dashboard-name .text-en input"), "Sales board");
        await page.ClickAsync(".dashboard-add-order-funnel");
        await page.ClickAsync(".dashboard-add-leaders");
        await page.Locator(".dashboard-widget[data-widget=order-funnel] .report-echart[data-rendered]").WaitForAsync();
        // Both widgets draw without any refresh: the second one added right after the first must not stay blank.
        var leaders = page.Locator(".dashboard-widget[data-widget=leaders] .report-echart[data-rendered]");
        try { await leaders.WaitForAsync(); }
        catch (TimeoutException) { Assert.Fail("The second widget was never drawn. Browser console:\n" + string.Join("\n", console) + "\nStudio:\n" + fixture.Studio.Output[^Math.Min(6000, fixture.Studio.Output.Length)..]); }
        Assert.Equal("1", await page.Locator(".dashboard-widget[data-widget=order-funnel] .report-echart").GetAttributeAsync("data-series"));
        await page.ClickAsync("button.dashboard-publish");
        await page.WaitForURLAsync(new Regex($"/studio/apps/{App}/dashboards/sales/design$"));
        await page.Locator(".designer-status").GetByText("已发布").WaitForAsync();
        await page.Locator(".dashboard-widget[data-widget=leaders] .report-echart[data-rendered]").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "designer-dashboard");

        var dashboard = await api.GetFromJsonAsync<JsonObject>($"/api/reports/apps/{App}/dashboards/sales");
        Assert.Equal(["order-funnel", "leaders"], dashboard!["widgets"]!.AsArray().Select(w => w!["report"]!.GetValue<string>()));
        var loaded = await api.PostAsJsonAsync($"/api/reports/apps/{App}/dashboards/sales/load", new { filters = new { } });
        Assert.True(loaded.IsSuccessStatusCode, await loaded.Content.ReadAsStringAsync());
    }

    private async Task DesignReportAsync(IPage page, string key, string name, string chart, string dimension, string measure)
    {
        await page.GotoAsync($"/studio/apps/{App}/reports/new");
        await page.Locator(".report-fields").WaitForAsync();
        await BrowserFixture.WaitForInteractivityAsync(page);
        await SetTextAsync(page.Locator(".report-key input"), key);
        await SetTextAsync(page.Locator(".report-name .text-zh input"), name);
        await SetTextAsync(page.Locator(".report-name .text-en input"), key);
        await page.Locator($".in-fields.report-field-{dimension}").DragToAsync(page.Locator(".zone-dimensions .mud-drop-zone"));
        await page.Locator(".in-dimensions").WaitForAsync();
        var measureChip = measure.Length == 0 ? page.Locator(".in-fields[data-path='']") : page.Locator($".in-fields.report-field-{measure}");
        await measureChip.DragToAsync(page.Locator(".zone-measures .mud-drop-zone"));
        await page.Locator(".in-measures").WaitForAsync();
        await page.ClickAsync($".chart-type-{chart}");
        await page.Locator($".report-preview .report-echart[data-chart={chart}][data-rendered]").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, $"designer-report-{key}");
        await page.ClickAsync("button.report-publish");
        await page.WaitForURLAsync(new Regex($"/studio/apps/{App}/reports/{key}/design$"));
        await page.Locator(".designer-status").GetByText("已发布").WaitForAsync();
    }

    /// <summary>Drags a palette entry onto a zone, then names the new field in the property panel.</summary>
    private static async Task DropAsync(IPage page, string type, ILocator zone, string key, string zh, string en)
    {
        var before = await page.Locator(".canvas-field").CountAsync();
        await page.Locator($".palette-{type}").DragToAsync(zone);
        await Expect(async () => Assert.Equal(before + 1, await page.Locator(".canvas-field").CountAsync()));
        await page.Locator(".field-properties").WaitForAsync();
        await SetTextAsync(page.Locator(".prop-label .text-zh input"), zh);
        await SetTextAsync(page.Locator(".prop-label .text-en input"), en);
        await SetTextAsync(page.Locator(".prop-key input"), key);
        await page.Locator($".field-properties[data-field={key}]").WaitForAsync();
    }

    private static async Task<string[]> FieldOrderAsync(IPage page) =>
        [.. (await page.Locator(".canvas-field").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.field)"))];

    private static async Task SetTextAsync(ILocator input, string value)
    {
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }

    private static async Task Expect(Func<Task> assertion)
    {
        for (var attempt = 0; ; attempt++)
        {
            try { await assertion(); return; }
            catch (Exception) when (attempt < 120) { await Task.Delay(500); }
        }
    }

    private static async Task SignInAsync(IPage page, string returnUrl)
    {
        await page.GotoAsync($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("#email", StudioProcess.AdminEmail);
        await page.FillAsync("#password", StudioProcess.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex(Regex.Escape(returnUrl) + "$"));
        await BrowserFixture.WaitForInteractivityAsync(page);
    }

    private async Task<HttpClient> ApiAsync()
    {
        var api = fixture.Studio.CreateClient();
        var token = await api.PostAsJsonAsync("/api/auth/token", new { email = StudioProcess.AdminEmail, password = StudioProcess.AdminPassword, name = "designer-journey" });
        token.EnsureSuccessStatusCode();
        var secret = (await token.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return api;
    }
}
