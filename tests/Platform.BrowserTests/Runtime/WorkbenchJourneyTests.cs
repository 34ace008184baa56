using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Studio.Tests.Hosting;

namespace Platform.BrowserTests.Runtime;

/// <summary>
/// Everyday journeys on the deal app: an approval from submission to the approver's decision, a partner user who sees
/// only their partner's deals, and a dashboard whose chart drills down to the records behind a bar.
/// </summary>
public sealed class WorkbenchJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly SemaphoreSlim SetupLock = new(1, 1);
    private static readonly Dictionary<StudioProcess, WorkbenchSetup> Setups = [];

    private async Task<WorkbenchSetup> SetupAsync()
    {
        await SetupLock.WaitAsync();
        try
        {
            if (!Setups.TryGetValue(fixture.Studio, out var setup))
                Setups[fixture.Studio] = setup = await WorkbenchSetup.CreateAsync(fixture.Studio);
            return setup;
        }
        finally { SetupLock.Release(); }
    }

    [Fact]
    public async Task A_large_deal_waits_for_the_approver_who_approves_it_on_the_record_page_and_the_submitter_is_notified()
    {
        var setup = await SetupAsync();
        var submitter = await SignInAsync(StudioProcess.AdminEmail, StudioProcess.AdminPassword, $"/apps/{WorkbenchSetup.App}/forms/{WorkbenchSetup.Form}/new");
        await submitter.Locator(".field-name input").FillAsync("华东大客户扩容");
        await submitter.Locator(".field-amount input").FillAsync("150000");
        await submitter.ClickAsync(".record-save");
        await submitter.WaitForURLAsync(new Regex("/records/[0-9a-f-]{36}$"));
        var recordUrl = new Uri(submitter.Url).AbsolutePath;

        // The worker starts the approval shortly after the save; the panel shows the step and who it waits for.
        await ReloadUntilAsync(submitter, ".wf-step");
        Assert.Contains("经理审批", await submitter.Locator(".wf-step-name").TextContentAsync());
        Assert.Contains("王审批", await submitter.Locator(".wf-waiting").TextContentAsync());
        Assert.Equal(0, await submitter.Locator(".wf-approve").CountAsync()); // not the submitter's turn
        await submitter.Locator(".wf-diagram[data-rendered=true]").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(submitter, "workbench-approval-submitted");

        var approver = await SignInAsync(setup.ApproverEmail, WorkbenchSetup.Password, "/todo");
        await approver.Locator(".todo-item").GetByText("经理审批").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(approver, "workbench-approval-todo");
        await approver.GotoAsync(recordUrl);
        await approver.Locator(".wf-your-turn").WaitForAsync();
        await approver.Locator(".wf-diagram[data-rendered=true]").WaitForAsync();
        Assert.True(await approver.Locator(".wf-diagram .wf-current").CountAsync() > 0, "the current step is highlighted");
        await BrowserFixture.ScreenshotAsync(approver, "workbench-approval-your-turn");
        await approver.Locator(".wf-comment textarea").First.FillAsync("同意，注意回款节点");
        await approver.ClickAsync(".wf-approve");

        // The record changes state once the worker has run the service task after the approval.
        await ReloadUntilAsync(approver, ".wf-status", "已完成");
        await WaitForRecordAsync(setup, recordUrl[(recordUrl.LastIndexOf('/') + 1)..], "\"status\":\"approved\"");
        Assert.Contains("同意，注意回款节点", await approver.Locator(".record-workflow").TextContentAsync());
        Assert.True(await approver.Locator(".wf-diagram .wf-done").CountAsync() >= 3, "the path taken is marked");
        await BrowserFixture.ScreenshotAsync(approver, "workbench-approval-approved");

        // The submitter's bell counts the unread notification the workflow sent (refreshed every 10 s while a page is open).
        await submitter.GotoAsync("/");
        await submitter.Locator(".bell-badge[data-unread='1']").WaitForAsync(new() { Timeout = 90_000 });
        await BrowserFixture.ScreenshotAsync(submitter, "workbench-bell");
    }

    [Fact]
    public async Task A_partner_user_sees_only_their_partners_deals_in_the_list_the_search_and_the_dashboard()
    {
        await SetupAsync();
        var page = await SignInAsync(PartnerEmail(), WorkbenchSetup.Password, $"/apps/{WorkbenchSetup.App}/forms/{WorkbenchSetup.Form}");
        var names = page.Locator(".list-row .cell-name");
        await names.First.WaitForAsync();
        Assert.Equal(["华东-甲"], (await names.AllTextContentsAsync()).Select(t => t.Trim()));
        await BrowserFixture.ScreenshotAsync(page, "workbench-partner-list");

        await page.Locator(".list-search input").FillAsync("华南");
        await page.Locator(".list-empty").WaitForAsync();

        await page.GotoAsync($"/apps/{WorkbenchSetup.App}/dashboards/deal_board");
        await page.Locator(".dash-widget[data-widget=status] .echart[data-rendered=true]").WaitForAsync();
        var rows = page.Locator(".dash-widget[data-widget=partners] .dash-table-row");
        await rows.First.WaitForAsync();
        var text = string.Join("|", await rows.AllTextContentsAsync());
        Assert.Contains("华东伙伴", text);
        Assert.DoesNotContain("华南伙伴", text);
        Assert.Equal(1, await rows.CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "workbench-partner-dashboard");
    }

    [Fact]
    public async Task Grouping_by_status_counts_each_group_over_all_deals_and_an_opened_group_lists_its_deals_with_partner_names()
    {
        var setup = await SetupAsync();
        var page = await SignInAsync(StudioProcess.AdminEmail, StudioProcess.AdminPassword, $"/apps/{WorkbenchSetup.App}/forms/{WorkbenchSetup.Form}");
        await page.Locator(".list-row, .kanban-title").First.WaitForAsync();
        // Another journey may have saved a board view as this user's default; grouping belongs to the table view.
        if (await page.Locator(".list-group-by").CountAsync() == 0) await page.Locator(".list-view-toggle").GetByText("表格").ClickAsync();
        await page.Locator(".list-group-by").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "状态" }).ClickAsync();

        var draft = page.Locator(".list-group[data-key='draft']");
        await draft.WaitForAsync();
        Assert.Equal("3", (await draft.Locator(".list-group-count").TextContentAsync())?.Trim());
        Assert.Contains("草稿", await draft.Locator(".list-group-label").TextContentAsync());
        var total = 0;
        foreach (var count in await page.Locator(".list-group-count").AllTextContentsAsync()) total += int.Parse(count.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator(".list-groups").GetAttributeAsync("data-total"));

        await draft.ClickAsync();
        var names = page.Locator(".list-group-records .list-row .cell-name");
        await names.Nth(2).WaitForAsync();
        Assert.Equal(["华东-甲", "华南-乙", "总部-丙"], (await names.AllTextContentsAsync()).Select(t => t.Trim()).Order(StringComparer.Ordinal));
        // The partner column shows the partner's name, not its id.
        var partners = (await page.Locator(".list-group-records .list-row .cell-partner").AllTextContentsAsync()).Select(t => t.Trim()).ToList();
        Assert.Contains("华东伙伴", partners);
        Assert.DoesNotContain(setup.EastPartner.ToString(), partners);
        await BrowserFixture.ScreenshotAsync(page, "workbench-grouped");
    }

    [Fact]
    public async Task The_dashboard_draws_its_charts_without_script_errors_and_a_bar_opens_the_records_behind_it()
    {
        await SetupAsync();
        var page = await SignInAsync(StudioProcess.AdminEmail, StudioProcess.AdminPassword, "/");
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };

        await page.GotoAsync($"/apps/{WorkbenchSetup.App}");
        await page.ClickAsync(".app-dashboard-link");
        await page.WaitForURLAsync(new Regex("/dashboards/deal_board$"));
        var chart = page.Locator(".dash-widget[data-widget=status] .echart[data-rendered=true]");
        await chart.WaitForAsync();
        Assert.True(await chart.Locator("canvas").CountAsync() > 0, "ECharts drew on a canvas");
        await page.Locator(".dash-widget[data-widget=partners] .dash-table-row").First.WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "workbench-dashboard");
        Assert.Empty(errors);

        // Click the bar of the "rejected" status: its position comes from the chart itself.
        var point = await chart.EvaluateAsync<double[]>("""
            el => {
              const c = echarts.getInstanceByDom(el);
              const data = c.getOption().series[0].data;
              const i = data.findIndex(d => d.keys && d.keys[0] === 'rejected');
              return c.convertToPixel({ seriesIndex: 0 }, [i, data[i].value * 0.6]);
            }
            """);
        var box = (await chart.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync((float)(box.X + point[0]), (float)(box.Y + point[1]));

        await page.WaitForURLAsync(new Regex($"/apps/{WorkbenchSetup.App}/forms/{WorkbenchSetup.Form}\\?filter="));
        await page.Locator(".list-drilled").WaitForAsync();
        var names = page.Locator(".list-row .cell-name");
        await names.First.WaitForAsync();
        Assert.Equal(["总部-丁"], (await names.AllTextContentsAsync()).Select(t => t.Trim()));
        await BrowserFixture.ScreenshotAsync(page, "workbench-dashboard-drill");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_saved_view_restores_its_search_a_card_dragged_on_the_board_changes_stage_and_a_file_uploads()
    {
        var setup = await SetupAsync();
        var created = await setup.Admin.PostAsJsonAsync($"/api/apps/{WorkbenchSetup.App}/forms/{WorkbenchSetup.Form}/records", new { name = "看板-戊", amount = 100, status = "draft" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["record"]!["id"]!.GetValue<string>();
        var page = await SignInAsync(StudioProcess.AdminEmail, StudioProcess.AdminPassword, $"/apps/{WorkbenchSetup.App}/forms/{WorkbenchSetup.Form}");
        var names = page.Locator(".list-row .cell-name");
        await names.First.WaitForAsync();

        // Save a view of the search "总部", go back to all records, then pick the view again.
        await page.Locator(".list-search input").FillAsync("总部");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.list-row .cell-name')].every(c => c.textContent.includes('总部'))");
        await page.ClickAsync(".list-views button");
        await page.Locator(".view-name-input input").FillAsync("总部商机");
        await page.ClickAsync(".view-save");
        await page.Locator(".mud-snackbar").GetByText("视图已保存").WaitForAsync();
        await OpenViewsMenuAsync(page);
        await page.ClickAsync(".view-all");
        await names.GetByText("看板-戊").WaitForAsync();
        await OpenViewsMenuAsync(page);
        await page.Locator(".view-item").GetByText("总部商机").ClickAsync();
        await page.WaitForFunctionAsync("() => { const c = [...document.querySelectorAll('.list-row .cell-name')]; return c.length > 0 && c.every(x => x.textContent.includes('总部')); }");
        await BrowserFixture.ScreenshotAsync(page, "workbench-saved-view");

        // The board: drag the new card from 草稿 to 待审批; the store takes it (version-checked) and the board reloads.
        await OpenViewsMenuAsync(page);
        await page.ClickAsync(".view-all");
        await page.Locator(".list-view-toggle").GetByText("看板").ClickAsync();
        var card = page.Locator($".kanban-card[data-record='{id}']");
        await card.WaitForAsync();
        await card.DragToAsync(page.Locator(".kanban-column[data-option=pending] .kanban-zone"));
        await page.Locator($".kanban-column[data-option=pending] .kanban-card[data-record='{id}']").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "workbench-kanban");
        await WaitForRecordAsync(setup, id, "\"status\":\"pending\"");

        // A file goes up through the files API and is stored on the record when it is saved.
        await page.GotoAsync($"/apps/{WorkbenchSetup.App}/forms/{WorkbenchSetup.Form}/records/{id}");
        await BrowserFixture.WaitForInteractivityAsync(page);
        await page.Locator(".field-files input[type=file]").SetInputFilesAsync(new FilePayload { Name = "报价单.txt", MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes("报价 100 元") });
        await page.Locator(".field-files .file-item").GetByText("报价单.txt").WaitForAsync();
        await page.ClickAsync(".record-save");
        await page.Locator(".record-version").GetByText("版本 3").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "workbench-upload");
        await WaitForRecordAsync(setup, id, "报价单.txt");
    }

    /// <summary>
    /// Opens the saved-views menu. Its button toggles, and the menu may still be open from the previous step (saving a
    /// view) when the next one starts, so the button is pressed only while the menu's entries are not shown.
    /// </summary>
    private static async Task OpenViewsMenuAsync(IPage page)
    {
        var all = page.Locator(".view-all");
        for (var attempt = 0; attempt < 5 && !await all.IsVisibleAsync(); attempt++)
        {
            await page.ClickAsync(".list-views button");
            try { await all.WaitForAsync(new() { Timeout = 10_000 }); }
            catch (TimeoutException) { }
        }
        await all.WaitForAsync();
    }

    private static async Task WaitForRecordAsync(WorkbenchSetup setup, string id, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string body;
        do
        {
            body = System.Text.RegularExpressions.Regex.Unescape(await setup.Admin.GetStringAsync($"/api/apps/{WorkbenchSetup.App}/forms/{WorkbenchSetup.Form}/records/{id}")).Replace(" ", "");
            if (body.Contains(expected.Replace(" ", ""))) return;
            await Task.Delay(500);
        } while (DateTime.UtcNow < deadline);
        Assert.Contains(expected, body);
    }

    private string PartnerEmail() => Setups[fixture.Studio].PartnerUserEmail;

    private async Task<IPage> SignInAsync(string email, string password, string returnUrl)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == returnUrl.Split('?')[0]);
        await BrowserFixture.WaitForInteractivityAsync(page);
        return page;
    }

    /// <summary>Reloads until the selector (with the text, when given) appears: the workflow worker runs on its own schedule.</summary>
    private static async Task ReloadUntilAsync(IPage page, string selector, string? text = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var locator = text is null ? page.Locator(selector) : page.Locator(selector).GetByText(text);
            try
            {
                await locator.First.WaitForAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                await page.ReloadAsync();
                await BrowserFixture.WaitForInteractivityAsync(page);
            }
        }
    }
}
