using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Platform.Core.Database;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Studio.Tests.Hosting;

namespace Platform.BrowserTests;

public sealed class AdminPartnerJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string App = "partner_journey";
    private const string Form = "deal";

    [Fact]
    public async Task Admin_creates_a_partner_and_invites_its_user_with_a_role_who_then_sees_only_that_partners_records()
    {
        try { await JourneyAsync(); }
        catch (TimeoutException e)
        {
            // A broken circuit shows up here only as a timeout; the server's log says why.
            var log = fixture.Studio.Output;
            throw new TimeoutException(e.Message + "\n--- Studio log (tail) ---\n" + log[Math.Max(0, log.Length - 6000)..], e);
        }
    }

    private async Task JourneyAsync()
    {
        var west = await SetUpAsync();
        using var api = await AdminApiAsync();

        var admin = await fixture.NewPageAsync();
        await SignInAsync(admin, StudioProcess.AdminEmail, StudioProcess.AdminPassword, "/admin/partners");
        await BrowserFixture.WaitForInteractivityAsync(admin);
        Assert.Equal(1, await admin.Locator(".nav-admin").CountAsync());
        await admin.ClickAsync("button.partners-new");
        await admin.Locator(".partner-name input").FillAsync("华东金牌伙伴");
        await admin.Locator(".partner-code input").FillAsync("P-EAST");
        await admin.Locator(".partner-tier input").FillAsync("金牌");
        await admin.ClickAsync("button.partner-save");
        await admin.Locator(".partners-row[data-code='P-EAST']").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(admin, "admin-partners");
        var east = (await InDatabaseAsync(a => a.ListPartnersAsync(CancellationToken.None))).Single(p => p.Code == "P-EAST").Id;

        await CreateDealAsync(api, "华东客户的商机", east);
        await CreateDealAsync(api, "华西客户的商机", west);

        await admin.GotoAsync("/admin/users");
        await BrowserFixture.WaitForInteractivityAsync(admin);
        await admin.ClickAsync("button.users-invite");
        await admin.Locator(".user-name input").FillAsync("王伙伴");
        await admin.Locator(".user-email input").FillAsync("wang@p-east.cn");
        await admin.Locator(".user-editor .user-partner").First.ClickAsync();
        await BrowserFixture.ScreenshotAsync(admin, "admin-user-partner-select");
        await admin.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "P-EAST" }).ClickAsync();
        await admin.Locator(".user-role-partner_sales").GetByText("伙伴销售").ClickAsync();
        Assert.True(await admin.Locator(".user-role-partner_sales input").IsCheckedAsync());
        await admin.ClickAsync("button.user-save");
        var password = (await admin.Locator(".users-password-value").TextContentAsync())!.Trim();
        var row = admin.Locator(".users-row[data-email='wang@p-east.cn']");
        await row.WaitForAsync();
        Assert.Contains("华东金牌伙伴", await row.Locator(".users-partner").TextContentAsync());
        Assert.Contains("伙伴销售", await row.Locator(".users-roles").TextContentAsync());
        await BrowserFixture.ScreenshotAsync(admin, "admin-user-invited");

        // The password the admin was shown must be replaced before anything else opens.
        var partnerUser = await fixture.NewPageAsync();
        await partnerUser.GotoAsync($"/signin?returnUrl={Uri.EscapeDataString($"/apps/{App}/forms/{Form}")}");
        await partnerUser.FillAsync("#email", "wang@p-east.cn");
        await partnerUser.FillAsync("#password", password);
        await partnerUser.ClickAsync("button[type=submit]");
        await partnerUser.WaitForURLAsync(new Regex("/account/password\\?returnUrl="));
        await partnerUser.Locator(".password-card").GetByText("设置新密码").First.WaitForAsync();
        await partnerUser.FillAsync("#current", password);
        await partnerUser.FillAsync("#password", "Wang-own-2024");
        await partnerUser.FillAsync("#confirm", "Wang-own-2025");
        await partnerUser.ClickAsync("button.password-submit");
        await partnerUser.Locator(".password-error").GetByText("两次输入的新密码不一致").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(partnerUser, "admin-partner-user-password");
        await partnerUser.GotoAsync($"/apps/{App}/forms/{Form}");
        await partnerUser.WaitForURLAsync(new Regex("/account/password\\?returnUrl="));
        await partnerUser.FillAsync("#current", password);
        await partnerUser.FillAsync("#password", "Wang-own-2024");
        await partnerUser.FillAsync("#confirm", "Wang-own-2024");
        await partnerUser.ClickAsync("button.password-submit");
        await partnerUser.WaitForURLAsync(new Regex(Regex.Escape($"/apps/{App}/forms/{Form}") + "$"));
        var cells = partnerUser.Locator(".list-row .cell-name");
        await cells.First.WaitForAsync();
        Assert.Equal(["华东客户的商机"], (await cells.AllTextContentsAsync()).Select(t => t.Trim()));
        Assert.Equal(0, await partnerUser.Locator(".nav-admin").CountAsync());
        await BrowserFixture.ScreenshotAsync(partnerUser, "admin-partner-user-list");

        var denied = await partnerUser.GotoAsync("/admin/users");
        Assert.Equal(403, denied!.Status);
        await partnerUser.Locator(".forbidden").GetByText("仅限管理员访问").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(partnerUser, "admin-forbidden");

        await admin.GotoAsync("/admin/audit");
        await admin.Locator(".audit-row[data-action='user.invited']").First.WaitForAsync();
        var invitedEntry = await admin.Locator(".audit-row[data-action='user.invited']").First.TextContentAsync();
        Assert.Contains("wang@p-east.cn", invitedEntry);
        Assert.Contains("partner: 华东金牌伙伴", invitedEntry); // the partner by name, not by id
        Assert.DoesNotContain(east.ToString(), invitedEntry);
        await BrowserFixture.ScreenshotAsync(admin, "admin-audit");

        // Partners list their partner admin by name; every user's API tokens are listed, and the admin revokes one.
        await admin.GotoAsync("/admin/tokens");
        await BrowserFixture.WaitForInteractivityAsync(admin);
        var tokenRow = admin.Locator(".admin-token-row").Filter(new() { HasText = "admin-journey" }).First;
        await tokenRow.WaitForAsync();
        Assert.Contains(StudioProcess.AdminEmail, await tokenRow.Locator(".admin-token-owner").TextContentAsync());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode);
        await BrowserFixture.ScreenshotAsync(admin, "admin-tokens");
        var revokedId = await tokenRow.GetAttributeAsync("data-id");
        await tokenRow.Locator("button.admin-token-revoke").ClickAsync();
        await admin.Locator($".admin-token-row[data-id='{revokedId}']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);
        await admin.GotoAsync("/admin/audit");
        await admin.Locator(".audit-row[data-action='token.revoked']").First.WaitForAsync();
    }

    private static async Task SignInAsync(IPage page, string email, string password, string returnUrl)
    {
        await page.GotoAsync($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex(Regex.Escape(returnUrl) + "$"));
    }

    /// <summary>The role and the other partner exist before the journey; the form grants partner sales their partner's deals.</summary>
    private async Task<Guid> SetUpAsync()
    {
        await InDatabaseAsync(a => a.CreateRoleAsync("partner_sales", "伙伴销售", CancellationToken.None));
        var west = await InDatabaseAsync(a => a.CreatePartnerAsync(new NewPartner("华西银牌伙伴", "P-WEST"), CancellationToken.None));
        using var api = await AdminApiAsync();
        (await api.PutAsJsonAsync($"/api/apps/{App}", new { key = App, name = new { en = "Partner deals", zh = "伙伴商机" } })).EnsureSuccessStatusCode();
        var draft = JsonNode.Parse($$"""
        {
          "app": "{{App}}", "key": "{{Form}}", "name": { "en": "Deals", "zh": "商机报备" }, "titleField": "name", "partnerField": "partner",
          "fields": [
            { "key": "name", "type": "text", "label": { "en": "Deal", "zh": "商机名称" }, "required": true },
            { "key": "partner", "type": "partner", "label": { "en": "Partner", "zh": "渠道伙伴" } }
          ],
          "permissions": [ { "role": "partner_sales", "actions": ["Create", "Read", "Update"], "scope": "Partner" } ]
        }
        """);
        var saved = await api.PutAsJsonAsync($"/api/apps/{App}/forms/{Form}/draft", draft);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        var published = await api.PostAsync($"/api/apps/{App}/forms/{Form}/publish", null);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        return west;
    }

    private static async Task CreateDealAsync(HttpClient api, string name, Guid partner)
    {
        var created = await api.PostAsJsonAsync($"/api/apps/{App}/forms/{Form}/records", new { name, partner = partner.ToString() });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
    }

    private async Task<HttpClient> AdminApiAsync()
    {
        var api = fixture.Studio.CreateClient();
        var token = await api.PostAsJsonAsync("/api/auth/token", new { email = StudioProcess.AdminEmail, password = StudioProcess.AdminPassword, name = "admin-journey" });
        token.EnsureSuccessStatusCode();
        var secret = (await token.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return api;
    }

    private async Task<T> InDatabaseAsync<T>(Func<IOrganizationAdmin, Task<T>> action)
    {
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddPlatformDatabase(fixture.Studio.ConnectionString).AddPlatformIdentity();
        await using var sp = services.BuildServiceProvider();
        await using var scope = sp.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IOrganizationAdmin>());
    }
}
