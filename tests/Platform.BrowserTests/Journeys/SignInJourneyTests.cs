using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Studio.Tests.Hosting;

namespace Platform.BrowserTests.Journeys;

public sealed class SignInJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static async Task SignInAsync(IPage page, string password)
    {
        await page.FillAsync("#email", StudioProcess.AdminEmail);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }

    [Fact]
    public async Task Wrong_password_shows_an_error_and_the_right_one_lands_on_the_chinese_home_page()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/");
        Assert.Matches(new Regex("/signin\\?returnUrl=%2F$"), page.Url);
        Assert.Equal("登录", (await page.TextContentAsync("button[type=submit]"))?.Trim());

        await SignInAsync(page, "definitely-wrong");
        var error = page.Locator(".signin-error");
        await error.WaitForAsync();
        Assert.Contains("邮箱或密码错误", await error.TextContentAsync());
        Assert.Equal(StudioProcess.AdminEmail, await page.InputValueAsync("#email"));
        await BrowserFixture.ScreenshotAsync(page, "signin-wrong-password");

        await SignInAsync(page, StudioProcess.AdminPassword);
        await page.WaitForURLAsync(new Regex("/$"));
        await page.GetByText("我的应用").WaitForAsync();
        Assert.Contains("欢迎", await page.TextContentAsync("h4"));
        Assert.Contains("低代码业务平台", await page.TextContentAsync(".mud-appbar"));
        await BrowserFixture.WaitForInteractivityAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "home-zh");
    }

    [Fact]
    public async Task Switching_to_english_translates_the_shell_and_signing_out_returns_to_sign_in()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/signin");
        await SignInAsync(page, StudioProcess.AdminPassword);
        await page.GetByText("我的应用").WaitForAsync();
        await BrowserFixture.WaitForInteractivityAsync(page);

        await page.ClickAsync("button[aria-label='语言']");
        await page.GetByText("English").ClickAsync();
        await page.GetByText("My apps").WaitForAsync();
        Assert.Contains("LowCode Platform", await page.TextContentAsync(".mud-appbar"));
        await BrowserFixture.ScreenshotAsync(page, "home-en");

        await page.ClickAsync("button[aria-label='Sign out']");
        await page.WaitForURLAsync(new Regex("/signin"));
        await page.GotoAsync("/");
        Assert.Contains("/signin", page.Url);
    }

    [Fact]
    public async Task At_phone_width_the_home_page_fits_without_sideways_scrolling()
    {
        var page = await fixture.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/signin");
        await BrowserFixture.ScreenshotAsync(page, "signin-phone");
        await SignInAsync(page, StudioProcess.AdminPassword);
        await page.GetByText("我的应用").WaitForAsync();
        await BrowserFixture.WaitForInteractivityAsync(page);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than the phone screen.");
        await BrowserFixture.ScreenshotAsync(page, "home-phone");
    }
}
