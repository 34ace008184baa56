using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Platform.Studio.Tests.Hosting;

namespace Platform.BrowserTests.Journeys;

public sealed class ApiTokenJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_token_created_on_the_page_calls_the_api_until_it_is_revoked_there()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/signin?returnUrl=%2Fme%2Ftokens");
        await page.FillAsync("#email", StudioProcess.AdminEmail);
        await page.FillAsync("#password", StudioProcess.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex("/me/tokens$"));
        await page.GetByText("还没有令牌。").WaitForAsync();
        await BrowserFixture.WaitForInteractivityAsync(page);

        await page.Locator(".token-name-input input").FillAsync("集成脚本");
        await page.ClickAsync(".token-create");
        var secret = (await page.Locator(".token-secret-value").TextContentAsync())!.Trim();
        await page.Locator(".token-row").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "api-tokens-created");

        Assert.StartsWith("plt_", secret);
        Assert.Equal("集成脚本", (await page.Locator(".token-name").First.TextContentAsync())?.Trim());
        using var api = fixture.Studio.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode);

        await page.ClickAsync(".token-revoke");
        await page.GetByText("已撤销").WaitForAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_token_without_a_name_is_refused_beside_the_field()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/signin?returnUrl=%2Fme%2Ftokens");
        await page.FillAsync("#email", StudioProcess.AdminEmail);
        await page.FillAsync("#password", StudioProcess.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex("/me/tokens$"));
        await BrowserFixture.WaitForInteractivityAsync(page);

        await page.ClickAsync(".token-create");

        await page.GetByText("令牌名称须为 1 到 100 个字符").WaitForAsync();
        Assert.Equal(0, await page.Locator(".token-secret").CountAsync());
    }
}
