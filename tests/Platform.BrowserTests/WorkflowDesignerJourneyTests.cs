using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Studio.Tests.Hosting;

namespace Platform.BrowserTests;

public sealed class WorkflowDesignerJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string App = "flowj";
    private const string Form = "quote";
    private const string Key = "quote_approval";

    [Fact]
    public async Task An_approval_with_an_amount_condition_and_a_24_hour_reminder_is_composed_published_and_routes_a_big_quote_to_the_chosen_approver()
    {
        using var api = await SignedInApiAsync();
        await PublishQuoteFormAsync(api);
        var me = (await api.GetFromJsonAsync<JsonObject>("/api/me"))!;

        var page = await fixture.NewPageAsync(1400, 900);
        await page.GotoAsync($"/signin?returnUrl=%2Fstudio%2Fapps%2F{App}%2Fworkflows%2Fchain%2Fnew");
        await page.FillAsync("#email", StudioProcess.AdminEmail);
        await page.FillAsync("#password", StudioProcess.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex("/workflows/chain/new$"));
        await BrowserFixture.WaitForInteractivityAsync(page);

        // Compose: condition "amount > 100000" → a named approver, reminded after 24 hours.
        await page.Locator(".chain-key input").FillAsync(Key);
        await page.Locator(".chain-name input").FillAsync("报价审批");
        await page.Locator(".chain-card-s-0 .card-remove").ClickAsync();
        await page.Locator(".chain-add-s-0 button").ClickAsync();
        await page.Locator(".mud-popover-open .chain-add-condition").ClickAsync();
        var big = page.Locator(".chain-card-s-0 .chain-branch-0");
        await big.Locator(".rule-value input").FillAsync("100000");
        await big.Locator(".branch-name input").FillAsync("大额报价");
        await big.Locator(".chain-add-s-0-0-0 button").ClickAsync();
        await page.Locator(".mud-popover-open .chain-add-approver").ClickAsync();
        var approver = page.Locator(".chain-card-s-0-0-0");
        await approver.Locator(".card-name input").FillAsync("总监审批");
        await approver.Locator(".rule-kind").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("指定成员").ClickAsync();
        await approver.Locator(".rule-user input").FillAsync("admin");
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        // The member picker commits its choice asynchronously; the next field is typed into once the choice is shown
        // and its list closed, as a person would, and the reminder must then keep what was typed.
        await page.WaitForFunctionAsync("() => document.querySelector('.chain-card-s-0-0-0 .rule-user input')?.value.length > 0 && !document.querySelector('.mud-popover-open')");
        await approver.Locator(".chain-remind-hours input").FillAsync("24");
        await approver.Locator(".chain-remind-hours input").BlurAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('.chain-card-s-0-0-0 .chain-remind-hours input')?.value === '24'");
        await BrowserFixture.ScreenshotAsync(page, "workflow-chain-composed");

        await page.Locator(".chain-publish").ClickAsync();
        await page.GetByText("已发布为版本 1").WaitForAsync();
        await page.WaitForURLAsync(new Regex($"/workflows/{Key}/chain$"));

        // The engine has exactly what was composed.
        var xml = await api.GetStringAsync($"/api/workflow/definitions/{Key}/bpmn?version=1");
        Assert.Contains("lc:field=\"amount\"", xml);
        Assert.Contains("lc:value=\"100000\"", xml);
        Assert.Contains($"lc:approvers=\"user:{me["id"]}\"", xml);
        Assert.Contains(">PT24H<", xml);

        // The same BPMN opens in the BPMN designer; the reminder's panel shows the 24-hour timer.
        Assert.EndsWith($"/workflows/{Key}/design", await page.Locator("a.chain-open-bpmn").GetAttributeAsync("href"));
        await page.GotoAsync($"/studio/apps/{App}/workflows/{Key}/design");
        var reminder = page.Locator(".djs-element[data-element-id$='_remind']");
        await reminder.WaitForAsync();
        await page.Locator(".djs-element[data-element-id='approve_1_1_1']").WaitForAsync();
        await reminder.ClickAsync(new LocatorClickOptions { Force = true });
        await page.Locator(".wf-panel .timer-text input").WaitForAsync();
        Assert.Equal("PT24H", await page.Locator(".wf-panel .timer-text input").InputValueAsync());
        Assert.Equal("false", await page.Locator(".wf-panel .timer-interrupting input").IsCheckedAsync() ? "true" : "false");
        await BrowserFixture.ScreenshotAsync(page, "workflow-bpmn-designer");

        // Submit quotes: the big one gets a task for the chosen approver, the small one completes without one.
        await CreateQuoteAsync(api, "华东大单", 250000);
        await CreateQuoteAsync(api, "小额订单", 5000);
        await page.GotoAsync("/todo");
        await BrowserFixture.WaitForInteractivityAsync(page);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await page.Locator(".todo-item .todo-title", new PageLocatorOptions { HasTextString = "总监审批" }).CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The approval task did not arrive within 90 s.");
            await Task.Delay(2000);
            await page.ReloadAsync();
            await BrowserFixture.WaitForInteractivityAsync(page);
        }
        Assert.Equal(1, await page.Locator(".todo-item .todo-title", new PageLocatorOptions { HasTextString = "总监审批" }).CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "workflow-task-arrived");

        JsonArray instances;
        deadline = DateTime.UtcNow.AddSeconds(60);
        while ((instances = (await api.GetFromJsonAsync<JsonArray>($"/api/workflow/instances?key={Key}"))!).Count(i => i!["status"]!.GetValue<string>() == "completed") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The small quote's instance did not complete within 60 s.");
            await Task.Delay(1000);
        }
        Assert.Equal(2, instances.Count);
        var running = instances.Single(i => i!["status"]!.GetValue<string>() == "running")!;
        var view = (await api.GetFromJsonAsync<JsonObject>($"/api/workflow/instances/{running["id"]}"))!;
        Assert.Contains("approve_1_1_1", view["currentNodes"]!.AsArray().Select(n => n!.GetValue<string>()));

        // The running instance on the diagram: the approver's task is marked current.
        await page.GotoAsync($"/studio/apps/{App}/workflows/{Key}/instances/{running["id"]}");
        await page.Locator(".djs-element.lc-current[data-element-id='approve_1_1_1']").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "workflow-instance-view");
    }

    [Fact]
    public async Task A_user_task_dragged_from_the_palette_and_connected_on_the_canvas_gets_an_approver_is_validated_and_published()
    {
        using var api = await SignedInApiAsync();
        await PublishQuoteFormAsync(api);
        var console = new List<string>();

        var page = await fixture.NewPageAsync(1400, 900);
        page.Console += (_, m) => { lock (console) console.Add($"{m.Type}: {m.Text} ({m.Location})"); };
        await page.GotoAsync($"/signin?returnUrl=%2Fstudio%2Fapps%2F{App}%2Fworkflows%2Fnew");
        await page.FillAsync("#email", StudioProcess.AdminEmail);
        await page.FillAsync("#password", StudioProcess.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex("/workflows/new$"));
        await BrowserFixture.WaitForInteractivityAsync(page);
        await page.Locator(".wf-new-key input").FillAsync("drag_flow");
        await page.Locator(".wf-new-key input").PressAsync("Tab");

        var start = page.Locator("g.djs-shape[data-element-id='start']");
        var end = page.Locator("g.djs-shape[data-element-id='end']");
        await end.WaitForAsync();

        // The blank diagram's start → end flow goes: select it, delete it from the context pad.
        await page.Locator("g.djs-connection[data-element-id='flow_1']").ClickAsync(new LocatorClickOptions { Force = true });
        await page.Locator(".djs-context-pad [data-action='delete']").ClickAsync();
        await Expect(async () => Assert.Equal(0, await page.Locator("g.djs-connection").CountAsync()));

        // A user task dragged from the palette to below the two events.
        var s = (await start.BoundingBoxAsync())!;
        var e = (await end.BoundingBoxAsync())!;
        await DragAsync(page, page.Locator(".djs-palette [data-action='create.user-task']"), (s.X + e.X + e.Width) / 2, s.Y + 180);
        var task = page.Locator("g.djs-shape[data-element-id^='Activity_']");
        await task.WaitForAsync();
        var taskId = await task.GetAttributeAsync("data-element-id");

        // Sequence flows drawn from the context pad's connect handle: start → task, task → end.
        await BrowserFixture.ScreenshotAsync(page, "workflow-canvas-task-dropped");
        await SelectAsync(page, start, "start");
        await DragToCenterAsync(page, page.Locator(".djs-context-pad [data-action='connect']"), task);
        await Expect(async () => Assert.Equal(1, await page.Locator("g.djs-connection").CountAsync()));
        await SelectAsync(page, task, taskId!);
        await DragToCenterAsync(page, page.Locator(".djs-context-pad [data-action='connect']"), end);
        await Expect(async () => Assert.Equal(2, await page.Locator("g.djs-connection").CountAsync()));

        // The approver, chosen in the property panel of the selected task.
        await SelectAsync(page, task, taskId!);
        await page.Locator(".wf-panel-type").GetByText(taskId!).WaitForAsync();
        await page.Locator(".wf-panel .panel-name input").FillAsync("经理审批");
        // One approver rule (a new rule is "department manager") and a due time of two days.
        await page.Locator(".task-approvers .rule-add").ClickAsync();
        await page.Locator(".task-approvers .approver-rule-0").WaitForAsync();
        await page.Locator(".task-due input").FillAsync("P2D");
        await page.Locator(".task-due input").PressAsync("Tab");
        await page.ClickAsync(".wf-panel button.panel-apply");
        await page.Locator($"g.djs-shape[data-element-id='{taskId}'] text").GetByText("经理审批").WaitForAsync();

        // The start event reads the quote form.
        await SelectAsync(page, start, "start");
        await page.Locator(".trigger-form").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText($"{App}/{Form}").ClickAsync();
        await page.ClickAsync(".wf-panel button.panel-apply");
        await BrowserFixture.ScreenshotAsync(page, "workflow-canvas-dragged");

        await page.ClickAsync(".cmd-validate");
        await page.GetByText("校验通过，可以发布。").WaitForAsync();
        await page.ClickAsync(".cmd-publish");
        await page.GetByText("已发布为版本 1").WaitForAsync();
        await page.WaitForURLAsync(new Regex("/workflows/drag_flow/design$"));

        var xml = System.Xml.Linq.XDocument.Parse(await api.GetStringAsync("/api/workflow/definitions/drag_flow/bpmn?version=1"));
        System.Xml.Linq.XNamespace bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
        System.Xml.Linq.XNamespace lc = "https://lowcode-platform.dev/schema/workflow/1.0";
        var userTask = Assert.Single(xml.Descendants(bpmn + "userTask"));
        Assert.Equal(("deptManager", "P2D", "经理审批"), ((string?)userTask.Attribute(lc + "approvers"), (string?)userTask.Attribute(lc + "due"), (string?)userTask.Attribute("name")));
        var flows = xml.Descendants(bpmn + "sequenceFlow").Select(f => ((string?)f.Attribute("sourceRef"), (string?)f.Attribute("targetRef"))).ToHashSet();
        Assert.Equal(2, flows.Count);
        Assert.Contains(("start", taskId), flows);
        Assert.Contains((taskId, "end"), flows);
        // The app has no favicon (not the designer's concern); any other console error fails the journey.
        Assert.True(!console.Any(line => line.StartsWith("error", StringComparison.Ordinal) && !line.Contains("/favicon.ico")), string.Join("\n", console));
    }

    /// <summary>
    /// Clicks an element until bpmn-js shows it selected with its context pad: the click right after a palette drop or a
    /// connection can be swallowed by diagram-js's click trap, as it would be for a person clicking that fast.
    /// </summary>
    private static async Task SelectAsync(IPage page, ILocator element, string id)
    {
        for (var attempt = 1; ; attempt++)
        {
            await element.ClickAsync(new LocatorClickOptions { Force = true });
            try
            {
                await page.Locator($"g.djs-element.selected[data-element-id='{id}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 3000 });
                await page.Locator(".djs-context-pad [data-action='connect']").WaitForAsync(new LocatorWaitForOptions { Timeout = 3000 });
                return;
            }
            catch (TimeoutException) when (attempt < 5)
            {
                await page.Mouse.MoveAsync(5, 5);
            }
            catch (TimeoutException)
            {
                await BrowserFixture.ScreenshotAsync(page, $"workflow-canvas-select-{id}-failed");
                throw;
            }
        }
    }

    /// <summary>Presses on <paramref name="handle"/> and moves in steps to the point, as a person drags on the canvas.</summary>
    private static async Task DragAsync(IPage page, ILocator handle, float x, float y)
    {
        var box = (await handle.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width / 2 + 10, box.Y + box.Height / 2 + 10, new MouseMoveOptions { Steps = 3 });
        await page.Mouse.MoveAsync(x, y, new MouseMoveOptions { Steps = 20 });
        await page.Mouse.UpAsync();
    }

    private static async Task DragToCenterAsync(IPage page, ILocator handle, ILocator target)
    {
        var box = (await target.BoundingBoxAsync())!;
        await DragAsync(page, handle, box.X + box.Width / 2, box.Y + box.Height / 2);
    }

    private static async Task Expect(Func<Task> assertion)
    {
        for (var attempt = 0; ; attempt++)
        {
            try { await assertion(); return; }
            catch (Exception) when (attempt < 60) { await Task.Delay(500); }
        }
    }

    private async Task<HttpClient> SignedInApiAsync()
    {
        var api = fixture.Studio.CreateClient();
        var token = await api.PostAsJsonAsync("/api/auth/token", new { email = StudioProcess.AdminEmail, password = StudioProcess.AdminPassword, name = "flow-journey" });
        token.EnsureSuccessStatusCode();
        var secret = (await token.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return api;
    }

    private static async Task PublishQuoteFormAsync(HttpClient api)
    {
        (await api.PutAsJsonAsync($"/api/apps/{App}", new { key = App, name = new { en = "Flow journey", zh = "流程旅程" } })).EnsureSuccessStatusCode();
        var draft = JsonNode.Parse($$"""
        {
          "app": "{{App}}", "key": "{{Form}}", "name": { "en": "Quotes", "zh": "报价" }, "titleField": "title",
          "fields": [
            { "key": "title", "type": "text", "label": { "en": "Title", "zh": "标题" }, "required": true },
            { "key": "amount", "type": "money", "label": { "en": "Amount", "zh": "金额" }, "min": 0 }
          ]
        }
        """);
        var saved = await api.PutAsJsonAsync($"/api/apps/{App}/forms/{Form}/draft", draft);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        var published = await api.PostAsync($"/api/apps/{App}/forms/{Form}/publish", null);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
    }

    private static async Task CreateQuoteAsync(HttpClient api, string title, decimal amount)
    {
        var created = await api.PostAsJsonAsync($"/api/apps/{App}/forms/{Form}/records", new { title, amount });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
    }
}
