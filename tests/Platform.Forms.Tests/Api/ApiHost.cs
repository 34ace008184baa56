using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
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
using Platform.Forms.Api;
using Platform.Forms.Tests.Support;

namespace Platform.Forms.Tests.Api;

/// <summary>The forms API in a test server on the fixture's database, with header-based test authentication.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string UserHeader = "X-Test-User";
    private readonly WebApplication _app;
    public Dictionary<string, UserContext> Users { get; } = [];

    private ApiHost(WebApplication app) => _app = app;

    public static async Task<ApiHost> StartAsync(FormsFixture db)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPlatformDatabase(db.ConnectionString);
        builder.Services.AddPlatformIdentity();
        builder.Services.AddForms(o => o.BackgroundImportThreshold = 100);
        builder.Services.AddAuthentication("Test").AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>("Test", _ => { });
        builder.Services.AddAuthorization();
        var users = new Dictionary<string, UserContext>();
        // Registered after Core's resolver, so it wins: tests act as users that exist only in the test.
        builder.Services.AddSingleton<IUserContextResolver>(new TestResolver(users));
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapFormsApi();
        await app.StartAsync();
        var host = new ApiHost(app);
        foreach (var (k, v) in users) host.Users[k] = v;
        host._users = users;
        return host;
    }

    private Dictionary<string, UserContext> _users = [];

    public HttpClient Client(UserContext? user)
    {
        var client = _app.GetTestClient();
        if (user is not null)
        {
            _users[user.UserName] = user;
            client.DefaultRequestHeaders.Add(UserHeader, user.UserName);
        }
        return client;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed class TestResolver(Dictionary<string, UserContext> users) : IUserContextResolver
    {
        public ValueTask<UserContext?> ResolveAsync(ClaimsPrincipal principal, CancellationToken ct) =>
            ValueTask.FromResult(principal.Identity?.Name is { } name ? users.GetValueOrDefault(name) : null);
    }

    private sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(UserHeader, out var name)) return Task.FromResult(AuthenticateResult.NoResult());
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name.ToString())], "Test");
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), "Test")));
        }
    }
}

internal static class HttpExtensions
{
    public static HttpRequestMessage WithIfMatch(this HttpRequestMessage request, int version)
    {
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return request;
    }
}
