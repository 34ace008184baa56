using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.Forms.Files;

namespace Platform.Forms.Api;

/// <summary>Upload before saving the record (the value then references the file id); download with the record's permissions.</summary>
internal static class FileEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var files = api.MapGroup("/apps/{app}/forms/{form}/files").WithTags("Files");
        files.MapPost("/{field}", UploadAsync).WithName("UploadFile").DisableAntiforgery();
        files.MapGet("/{id:guid}", DownloadAsync).WithName("DownloadFile");
    }

    private static async Task<Results<Created<StoredFile>, ValidationProblem, ProblemHttpResult>> UploadAsync(HttpContext http, string app, string form, string field,
        IFormFile file, FileStore store, CancellationToken ct)
    {
        await using var content = file.OpenReadStream();
        var result = await store.UploadAsync(ActingUser.Get(http), app, form, field, file.FileName, file.ContentType, content, ct);
        if (result.File is { } stored) return TypedResults.Created($"/api/apps/{app}/forms/{form}/files/{stored.Id}", stored);
        if (result.Forbidden) return Problems.Forbidden(result.ErrorEn!, result.ErrorZh!);
        return Problems.Fields([new Fields.FieldError(field, "file", result.ErrorEn!, result.ErrorZh!)]);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(HttpContext http, string app, string form, Guid id,
        FileStore store, CancellationToken ct) =>
        await store.DownloadAsync(ActingUser.Get(http), app, form, id, ct) is { } f
            ? TypedResults.File(f.Content, f.File.ContentType, f.File.Name)
            : Problems.NotFound("The file / 文件");
}
