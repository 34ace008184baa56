using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Core.Database;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Studio.Auth;

namespace Platform.Studio.Tests.Hosting;

/// <summary>Over HTTP on the running Studio: a password set by an administrator must be replaced before anything else.</summary>
public sealed partial class PasswordChangeGateTests(StudioFixture fixture) : IClassFixture<StudioFixture>
{
    private const string Given = "Admin-set-2024";
    private const string Chosen = "Mine-only-2024";

    [Fact]
    public async Task A_user_with_an_admin_set_password_is_held_at_the_change_form_until_they_choose_their_own()
    {
        var email = $"forced-{Guid.NewGuid():N}@example.com";
        var userId = await WithServicesAsync(async sp =>
        {
            var id = await sp.GetRequiredService<IOrganizationAdmin>().CreateUserAsync(new NewUser(email, "改密用户", Given), CancellationToken.None);
            await PasswordChange.RequireAsync(sp, id);
            return id;
        });

        var cookies = new CookieContainer();
        using var client = fixture.Studio.CreateClient(cookies: cookies);
        var signIn = await PostFormAsync(client, "/signin", "/account/signin", new() { ["email"] = email, ["password"] = Given, ["returnUrl"] = "/todo" });
        Assert.Equal("/todo", signIn.Headers.Location!.OriginalString);

        // Every page leads to the change form, the API refuses, the form itself opens.
        var todo = await client.GetAsync("/todo");
        Assert.Equal(HttpStatusCode.Redirect, todo.StatusCode);
        Assert.Equal("/account/password?returnUrl=%2Ftodo", todo.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Contains("设置新密码", await client.GetStringAsync("/account/password?returnUrl=%2Ftodo"));

        var mismatch = await PostFormAsync(client, "/account/password", "/account/password", new() { ["current"] = Given, ["password"] = Chosen, ["confirm"] = Chosen + "x", ["returnUrl"] = "/todo" });
        Assert.Contains("error=mismatch", mismatch.Headers.Location!.OriginalString);
        var wrong = await PostFormAsync(client, "/account/password", "/account/password", new() { ["current"] = "Not-the-one-1", ["password"] = Chosen, ["confirm"] = Chosen, ["returnUrl"] = "/todo" });
        Assert.Contains("error=current", wrong.Headers.Location!.OriginalString);
        var weak = await PostFormAsync(client, "/account/password", "/account/password", new() { ["current"] = Given, ["password"] = "short", ["confirm"] = "short", ["returnUrl"] = "/todo" });
        Assert.Contains("error=weak", weak.Headers.Location!.OriginalString);
        Assert.Contains("新密码太弱", await client.GetStringAsync(weak.Headers.Location.OriginalString));
        Assert.True(await WithServicesAsync(sp => PasswordChange.IsRequiredAsync(sp, userId)));

        var done = await PostFormAsync(client, "/account/password", "/account/password", new() { ["current"] = Given, ["password"] = Chosen, ["confirm"] = Chosen, ["returnUrl"] = "/todo" });
        Assert.Equal("/todo", done.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/todo")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        Assert.False(await WithServicesAsync(sp => PasswordChange.IsRequiredAsync(sp, userId)));

        // The administrator's password no longer works; the chosen one does, without the form again.
        using var fresh = fixture.Studio.CreateClient(cookies: new CookieContainer());
        var old = await PostFormAsync(fresh, "/signin", "/account/signin", new() { ["email"] = email, ["password"] = Given, ["returnUrl"] = "/" });
        Assert.StartsWith("/signin?", old.Headers.Location!.OriginalString);
        var again = await PostFormAsync(fresh, "/signin", "/account/signin", new() { ["email"] = email, ["password"] = Chosen, ["returnUrl"] = "/" });
        Assert.Equal("/", again.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Users_created_without_the_requirement_go_straight_in()
    {
        var email = await fixture.CreateUserAsync("Plain-pass-2024");
        using var client = fixture.Studio.CreateClient(cookies: new CookieContainer());
        await PostFormAsync(client, "/signin", "/account/signin", new() { ["email"] = email, ["password"] = "Plain-pass-2024", ["returnUrl"] = "/todo" });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/todo")).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(formPage);
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value;
        var response = await client.PostAsync(action, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    [Fact]
    public async Task A_user_with_an_admin_set_password_cannot_mint_an_api_token_until_they_choose_their_own()
    {
        var email = $"forced-token-{Guid.NewGuid():N}@example.com";
        await WithServicesAsync(async sp =>
        {
            var id = await sp.GetRequiredService<IOrganizationAdmin>().CreateUserAsync(new NewUser(email, "令牌用户", Given), CancellationToken.None);
            await PasswordChange.RequireAsync(sp, id);
            return id;
        });
        using var client = fixture.Studio.CreateClient();

        var refused = await client.PostAsJsonAsync("/api/auth/token", new { email, password = Given, name = "cli", expiresInDays = 7 });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("设置新密码", await refused.Content.ReadAsStringAsync());
    }

    private async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddPlatformDatabase(fixture.Studio.ConnectionString).AddPlatformIdentity();
        await using var sp = services.BuildServiceProvider();
        await using var scope = sp.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" (?:type=\"hidden\" )?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
