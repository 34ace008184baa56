using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Platform.Core.Identity;

/// <summary>Authenticates <c>Authorization: Bearer plt_…</c> with a personal API token.</summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IApiTokens tokens, UserManager<PlatformUser> users, IUserClaimsPrincipalFactory<PlatformUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Bearer = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers[HeaderNames.Authorization];
        if (header is null || !header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var secret = header[Bearer.Length..].Trim();
        if (!ApiTokenSecret.LooksLikeToken(secret)) return AuthenticateResult.NoResult();

        var check = await tokens.ValidateAsync(secret, Context.RequestAborted);
        if (check.Status != ApiTokenStatus.Valid)
        {
            Logger.LogInformation("API token refused: {Status}", check.Status);
            return AuthenticateResult.Fail($"API token {check.Status.ToString().ToLowerInvariant()}.");
        }

        var user = await users.FindByIdAsync(check.UserId!.Value.ToString());
        if (user is null) return AuthenticateResult.Fail("API token user not found.");
        // The same claims (id, name, roles) as a cookie sign-in, so role-based policies treat both alike.
        var claims = (await principals.CreateAsync(user)).Claims;
        var identity = new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
