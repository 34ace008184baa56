using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Core.Database;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Forms;
using Platform.Reports.Api;
using Platform.Reports.Tests.Support;

namespace Platform.Reports.Tests.Api;

/// <summary>The REST API end to end over HTTP: save, publish, run, export, with designer rights and problem details.</summary>
public sealed class ReportsApiTests(ReportsFixture fixture) : IClassFixture<ReportsFixture>, IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient _client = null!;

    private const string Report = """
        { "name": {"en": "Pipeline by stage", "zh": "各阶段商机"}, "source": {"form": "opportunities"}, "chart": {"type": "funnel"},
          "dimensions": [{"field": "stage"}], "measures": [{"key": "n", "aggregate": "count"}] }
        """;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPlatformDatabase(fixture.ConnectionString);
        builder.Services.AddForms();
        builder.Services.AddReports();
        builder.Services.AddSingleton(fixture.Services.GetRequiredService<IOrgDirectory>());
        builder.Services.AddSingleton<IUserContextResolver, HeaderUsers>();
        builder.Services.AddAuthentication("test").AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>("test", _ => { });
        builder.Services.AddAuthorization();
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapReportsApi();
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string? user, string? body = null, string? language = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (user is not null) request.Headers.Add("X-Test-User", user);
        if (language is not null) request.Headers.Add("Accept-Language", language);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return request;
    }

    [Fact]
    public async Task A_designer_saves_publishes_runs_and_exports_a_report()
    {
        var save = await _client.SendAsync(Request(HttpMethod.Put, "/api/reports/apps/crm/reports/api-stages", "admin", Report));
        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        var publish = await _client.SendAsync(Request(HttpMethod.Post, "/api/reports/apps/crm/reports/api-stages/publish", "admin"));
        Assert.Equal(1, (await publish.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());

        var run = await _client.SendAsync(Request(HttpMethod.Post, "/api/reports/apps/crm/reports/api-stages/run?culture=zh-CN", "admin", "{}"));
        var result = (await run.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("各阶段商机", result["name"]!.GetValue<string>());
        Assert.Equal("funnel", result["chart"]!["series"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(6, result["rows"]!.AsArray().Count);

        var csv = await _client.SendAsync(Request(HttpMethod.Post, "/api/reports/apps/crm/reports/api-stages/export?format=csv", "admin", "{}"));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Initial contact", await csv.Content.ReadAsStringAsync());

        var versions = await _client.SendAsync(Request(HttpMethod.Get, "/api/reports/apps/crm/reports/api-stages/versions", "viewer"));
        Assert.Single((await versions.Content.ReadFromJsonAsync<JsonArray>())!);
    }

    [Fact]
    public async Task An_invalid_definition_gets_a_validation_problem_in_the_callers_language()
    {
        var response = await _client.SendAsync(Request(HttpMethod.Put, "/api/reports/apps/crm/reports/api-bad", "admin",
            Report.Replace("\"aggregate\": \"count\"", "\"aggregate\": \"sum\", \"field\": \"name\""), "zh-CN"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("求和", problem["errors"]!["measures.n"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_designers_may_write_and_only_signed_in_users_may_read()
    {
        var forbidden = await _client.SendAsync(Request(HttpMethod.Put, "/api/reports/apps/crm/reports/api-x", "viewer", Report));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var anonymous = await _client.SendAsync(Request(HttpMethod.Get, "/api/reports/apps/crm/definitions", null));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    /// <summary>Signs in whoever the X-Test-User header names.</summary>
    private sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var name = Request.Headers["X-Test-User"].FirstOrDefault();
            if (string.IsNullOrEmpty(name)) return Task.FromResult(AuthenticateResult.NoResult());
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "test");
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), "test")));
        }
    }

    private sealed class HeaderUsers : IUserContextResolver
    {
        public ValueTask<UserContext?> ResolveAsync(ClaimsPrincipal principal, CancellationToken ct) => ValueTask.FromResult<UserContext?>(principal.Identity?.Name switch
        {
            "admin" => ReportTestKit.Admin,
            "viewer" => ReportTestKit.Director(),
            _ => null,
        });
    }
}
