using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.Forms.Api;

public static class FormsApi
{
    /// <summary>Maps the forms REST API under /api; every endpoint needs an authenticated, known user.</summary>
    public static IEndpointRouteBuilder MapFormsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization().AddEndpointFilter(ActingUser.ResolveAsync)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        DefinitionEndpoints.Map(api);
        RecordEndpoints.Map(api);
        ImportExportEndpoints.Map(api);
        FileEndpoints.Map(api);
        return endpoints;
    }
}
