using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Studio.Tests.Hosting;

public sealed partial class StudioHostTests(StudioFixture fixture) : IClassFixture<StudioFixture>
{
    private StudioProcess Studio => fixture.Studio;

    [Fact]
    public async Task Home_redirects_anonymous_visitors_to_the_sign_in_page()
    {
        using var client = Studio.CreateClient();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location!.AbsolutePath);
        Assert.Contains("returnUrl=%2F", response.Headers.Location.Query);
    }

    [Fact]
    public async Task Health_reports_the_database_as_healthy()
    {
        using var client = Studio.CreateClient();

        var health = await client.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Sign_in_page_is_chinese_by_default_and_english_after_switching()
    {
        using var client = Studio.CreateClient(followRedirects: true);

        var chinese = await client.GetStringAsync("/signin");
        await client.GetAsync("/culture/en?returnUrl=/signin");
        var english = await client.GetStringAsync("/signin");

        Assert.Contains("邮箱或用户名", chinese);
        Assert.Contains("lang=\"zh-CN\"", chinese);
        Assert.Contains("E-mail or user name", english);
    }

    [Fact]
    public async Task Form_sign_in_sets_the_cookie_and_opens_the_home_page()
    {
        var cookies = new CookieContainer();
        using var client = Studio.CreateClient(cookies: cookies);
        var form = await client.GetStringAsync("/signin");
        var antiforgery = AntiforgeryField().Match(form).Groups[1].Value;

        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["email"] = StudioProcess.AdminEmail,
            ["password"] = StudioProcess.AdminPassword,
            ["returnUrl"] = "/",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("我的应用", await home.Content.ReadAsStringAsync());
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me"); // the cookie works for the API too
        Assert.Equal(StudioProcess.AdminEmail, me.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Wrong_password_on_the_form_returns_to_sign_in_with_the_error_and_no_cookie()
    {
        var cookies = new CookieContainer();
        using var client = Studio.CreateClient(cookies: cookies);
        var antiforgery = AntiforgeryField().Match(await client.GetStringAsync("/signin")).Groups[1].Value;

        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["email"] = StudioProcess.AdminEmail,
            ["password"] = "nope",
            ["returnUrl"] = "https://evil.example.com/",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/signin?", location);
        Assert.Contains("error=invalid", location);
        Assert.Contains("returnUrl=%2F", location); // the foreign address was dropped
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == "platform.auth");
    }

    [Fact]
    public async Task Sign_in_without_the_antiforgery_token_is_refused()
    {
        using var client = Studio.CreateClient();
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = StudioProcess.AdminEmail,
            ["password"] = StudioProcess.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Front_end_libraries_and_mudblazor_assets_are_served_locally()
    {
        using var client = Studio.CreateClient();
        foreach (var path in new[]
                 {
                     "/_content/MudBlazor/MudBlazor.min.css", "/_content/MudBlazor/MudBlazor.min.js",
                     "/lib/echarts/echarts.min.js", "/lib/bpmn-js/bpmn-modeler.production.min.js",
                     "/lib/bpmn-js/assets/bpmn-js.css", "/lib/gridstack/gridstack-all.js",
                 })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_session_ends_when_the_user_is_disabled()
    {
        var email = await fixture.CreateUserAsync("Session-pass-1");
        var cookies = new CookieContainer();
        using var client = Studio.CreateClient(cookies: cookies);
        var antiforgery = AntiforgeryField().Match(await client.GetStringAsync("/signin")).Groups[1].Value;
        await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery, ["email"] = email, ["password"] = "Session-pass-1",
        }));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        await fixture.DisableUserAsync(email);

        var after = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/signin", after.Headers.Location!.AbsolutePath);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" (?:type=\"hidden\" )?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
