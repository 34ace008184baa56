using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Core.Identity;
using Platform.Core.Organization;

using Platform.Studio.Auth;

namespace Platform.Studio.Api;

/// <summary>Personal API tokens without a browser, and who the caller is.</summary>
public static class AuthApi
{
    public sealed record TokenRequest(string? Email, string? Password, string? Name, int? ExpiresInDays);

    public sealed record TokenResponse(string Token, Guid Id, string Name, DateTimeOffset? ExpiresAt);

    public sealed record MeResponse(
        Guid Id, string UserName, string DisplayName, string? Email, Guid? DepartmentId, Guid? ManagerId,
        Guid? PartnerId, IReadOnlyList<string> Roles, bool IsAdministrator);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/token", CreateTokenAsync).AllowAnonymous();
        auth.MapGet("/tokens", ListTokensAsync).RequireAuthorization();
        auth.MapDelete("/tokens/{id:guid}", RevokeTokenAsync).RequireAuthorization();
        app.MapGet("/api/me", MeAsync).WithTags("Auth").RequireAuthorization();
        return app;
    }

    private static async Task<IResult> CreateTokenAsync(TokenRequest request, IPasswordSignIn signIn, IApiTokens tokens,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email)) errors["email"] = ["Required. / 必填。"];
        if (string.IsNullOrEmpty(request.Password)) errors["password"] = ["Required. / 必填。"];
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["Required: a name to recognise the token. / 必填：用于识别令牌的名称。"];
        if (request.ExpiresInDays is < 1 or > IApiTokens.MaxLifetimeDays)
            errors["expiresInDays"] = [$"Between 1 and {IApiTokens.MaxLifetimeDays}. / 须在 1 到 {IApiTokens.MaxLifetimeDays} 之间。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var check = await signIn.CheckAsync(request.Email!, request.Password!, ct);
        switch (check.Status)
        {
            case PasswordCheckStatus.InvalidCredentials:
                return ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Invalid credentials",
                    "The e-mail or password is wrong.", "邮箱或密码错误。");
            case PasswordCheckStatus.LockedOut:
                var until = check.LockedOutUntil ?? time.GetUtcNow().AddMinutes(15);
                var seconds = Math.Max(1, (int)Math.Ceiling((until - time.GetUtcNow()).TotalSeconds));
                return new LockedOutResult(ApiProblems.Problem(StatusCodes.Status423Locked, "Account locked",
                    $"Too many failed sign-ins; try again after {until:u}.", $"登录失败次数过多，账户已锁定，请于 {until.ToLocalTime():yyyy-MM-dd HH:mm} 后重试。",
                    new Dictionary<string, object?> { ["lockedUntil"] = until }), seconds);
            case PasswordCheckStatus.Disabled:
                return ApiProblems.Problem(StatusCodes.Status403Forbidden, "Account disabled",
                    "This account is disabled.", "该账户已停用。");
        }

        // A password an administrator chose opens nothing but the change form, so it cannot mint a token either.
        if (await PasswordChange.IsRequiredAsync(http.RequestServices, check.User!.Id))
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "Password change required",
                "Set a new password at /account/password before creating an API token.", "请先在 /account/password 设置新密码，再创建 API 令牌。");

        var created = await tokens.CreateAsync(check.User!.Id, request.Name!, request.ExpiresInDays ?? 30, ct);
        return TypedResults.Ok(new TokenResponse(created.Secret, created.Token.Id, created.Token.Name, created.Token.ExpiresAt));
    }

    private static async Task<IResult> ListTokensAsync(HttpContext http, IUserContextResolver users, IApiTokens tokens, CancellationToken ct)
    {
        var me = await users.ResolveAsync(http.User, ct);
        return me is null ? TypedResults.Unauthorized() : TypedResults.Ok(await tokens.ListAsync(me.UserId, ct));
    }

    private static async Task<IResult> RevokeTokenAsync(Guid id, HttpContext http, IUserContextResolver users, IApiTokens tokens, CancellationToken ct)
    {
        var me = await users.ResolveAsync(http.User, ct);
        if (me is null) return TypedResults.Unauthorized();
        return await tokens.RevokeAsync(me.UserId, id, ct)
            ? TypedResults.NoContent()
            : ApiProblems.Problem(StatusCodes.Status404NotFound, "Token not found",
                $"You have no token {id}.", $"您没有编号为 {id} 的令牌。");
    }

    private static async Task<Results<Ok<MeResponse>, UnauthorizedHttpResult>> MeAsync(
        HttpContext http, IUserContextResolver users, IOrgDirectory directory, CancellationToken ct)
    {
        var me = await users.ResolveAsync(http.User, ct);
        var user = me is null ? null : await directory.FindUserAsync(me.UserId, ct);
        if (me is null || user is null) return TypedResults.Unauthorized();
        return TypedResults.Ok(new MeResponse(me.UserId, me.UserName, me.DisplayName, user.Email, me.DepartmentId,
            user.ManagerId, me.PartnerId, me.Roles.Order().ToList(), me.IsAdministrator));
    }

    /// <summary>423 with Retry-After, so clients know when to try again.</summary>
    private sealed class LockedOutResult(IResult inner, int retryAfterSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
