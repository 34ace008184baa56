using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Reports.Definitions;

namespace Platform.Reports.Api;

/// <summary>What every reports endpoint needs: the acting user, their language, and error translation.</summary>
internal static class ApiContext
{
    public static async Task<UserContext?> UserAsync(HttpContext http, CancellationToken ct) =>
        await http.RequestServices.GetRequiredService<IUserContextResolver>().ResolveAsync(http.User, ct);

    public static bool CanDesign(HttpContext http, UserContext user) =>
        user.IsAdministrator || http.RequestServices.GetRequiredService<IOptions<ReportsOptions>>().Value.DesignerRoles.Any(user.Roles.Contains);

    /// <summary>?culture=zh-CN wins, then the first Accept-Language entry.</summary>
    public static string? Culture(HttpContext http) =>
        http.Request.Query["culture"].FirstOrDefault() is { Length: > 0 } c ? c
        : http.Request.Headers.AcceptLanguage.FirstOrDefault()?.Split(',')[0].Split(';')[0].Trim();

    public static IResult Problem(ReportException e, HttpContext http) =>
        TypedResults.ValidationProblem(e.ToProblemErrors(Culture(http)),
            title: Culture(http)?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true ? "报表定义或参数有误" : "The report definition or its parameters are invalid");

    public static async Task<string> BodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(ct);
    }

    public static T? Read<T>(string json) => JsonSerializer.Deserialize<T>(json, ReportJson.Options);
}
