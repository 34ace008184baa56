using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Identity;
using Platform.Core.Organization;

namespace Platform.Forms.Api;

/// <summary>Resolves the signed-in principal to a <see cref="UserContext"/> once per request, through Core's resolver.</summary>
internal static class ActingUser
{
    private const string Key = "Platform.Forms.ActingUser";

    public static UserContext Get(HttpContext http) =>
        http.Items[Key] as UserContext ?? throw new InvalidOperationException("The acting user filter did not run.");

    /// <summary>Endpoint filter: 401 when the principal does not map to an active platform user.</summary>
    public static async ValueTask<object?> ResolveAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var resolver = http.RequestServices.GetRequiredService<IUserContextResolver>();
        var user = await resolver.ResolveAsync(http.User, http.RequestAborted);
        if (user is null) return TypedResults.Problem(title: "Unknown or disabled user / 未知或已停用的用户", statusCode: StatusCodes.Status401Unauthorized);
        http.Items[Key] = user;
        return await next(context);
    }
}
