using Platform.Core.Identity;
using Platform.Packages.Format;

namespace Platform.Studio.Admin;

/// <summary>Admin downloads as plain HTTP (a Blazor circuit cannot stream a file to the browser without script).</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(AdminPolicy.Name);
        admin.MapGet("/apps/{app}/export", ExportAsync);
        return app;
    }

    private static async Task<IResult> ExportAsync(string app, HttpContext http, IUserContextResolver users, AppAdministration apps)
    {
        if (await users.ResolveAsync(http.User, http.RequestAborted) is not { IsAdministrator: true } actor) return Results.Forbid();
        try
        {
            var zip = await apps.ExportZipAsync(actor, app, http.RequestAborted);
            return Results.File(zip, "application/zip", $"{app}.zip");
        }
        catch (PackageValidationException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: string.Join("; ", e.Errors));
        }
    }
}
