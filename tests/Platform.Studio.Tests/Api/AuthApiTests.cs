using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Studio.Tests.Hosting;

namespace Platform.Studio.Tests.Api;

public sealed class AuthApiTests(StudioFixture fixture) : IClassFixture<StudioFixture>
{
    private StudioProcess Studio => fixture.Studio;

    private async Task<string> GetTokenAsync(string name = "test")
    {
        using var client = Studio.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new
        {
            email = StudioProcess.AdminEmail, password = StudioProcess.AdminPassword, name, expiresInDays = 7,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("token").GetString()!;
    }

    private HttpClient WithToken(string token)
    {
        var client = Studio.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_token_from_credentials_identifies_the_administrator_on_api_me()
    {
        using var client = WithToken(await GetTokenAsync());

        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");

        Assert.Equal(StudioProcess.AdminEmail, me.GetProperty("email").GetString());
        Assert.True(me.GetProperty("isAdministrator").GetBoolean());
        Assert.Contains("admin", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Wrong_password_gets_401_problem_details_in_both_languages()
    {
        using var client = Studio.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/token",
            new { email = StudioProcess.AdminEmail, password = "wrong-password", name = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("邮箱或密码错误。", problem.GetProperty("detailZh").GetString());
    }

    [Fact]
    public async Task Missing_fields_get_a_validation_problem_naming_each_field()
    {
        using var client = Studio.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/token", new { expiresInDays = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["email", "expiresInDays", "name", "password"], errors.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Locked_account_gets_423_with_retry_after()
    {
        var email = await fixture.CreateUserAsync("Right-pass-123");
        using var client = Studio.CreateClient();
        for (var i = 0; i < 5; i++)
            await client.PostAsJsonAsync("/api/auth/token", new { email, password = "wrong", name = "x" });

        var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password = "Right-pass-123", name = "x" });

        Assert.Equal((HttpStatusCode)423, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(10));
        Assert.Contains("锁定", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detailZh").GetString());
    }

    [Fact]
    public async Task Listing_and_revoking_my_tokens_refuses_the_revoked_one_afterwards()
    {
        var token = await GetTokenAsync("to-revoke");
        using var client = WithToken(token);
        var tokens = await client.GetFromJsonAsync<JsonElement>("/api/auth/tokens");
        var mine = tokens.EnumerateArray().Single(t => token.StartsWith(t.GetProperty("prefix").GetString()!, StringComparison.Ordinal)
                                                       && t.GetProperty("name").GetString() == "to-revoke");
        Assert.False(tokens.GetRawText().Contains(token, StringComparison.Ordinal));

        var revoke = await client.DeleteAsync($"/api/auth/tokens/{mine.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Api_without_credentials_or_with_a_bogus_token_is_401_not_a_redirect()
    {
        using var anonymous = Studio.CreateClient();
        using var bogus = WithToken("plt_not-a-real-token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bogus.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/auth/tokens")).StatusCode);
    }
}
