using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Platform.Forms.Export;
using Platform.Forms.Import;
using Platform.Forms.Queries;

namespace Platform.Forms.Api;

/// <summary>Import (.xlsx/.csv, small files inline, large ones as background jobs) and export of the rows a user may see.</summary>
internal static class ImportExportEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/apps/{app}/forms/{form}").WithTags("Import and export");
        group.MapPost("/imports", ImportAsync).WithName("ImportRecords").DisableAntiforgery()
            .WithSummary("Multipart: 'file' (.xlsx or .csv) and optional 'options' (JSON ImportOptions).");
        group.MapGet("/imports/{id:guid}", async (Guid id, ImportJobs jobs, CancellationToken ct) =>
            await jobs.GetAsync(id, ct) is { } job ? (Results<Ok<ImportJob>, ProblemHttpResult>)TypedResults.Ok(job) : Problems.NotFound("The import / 导入任务"))
            .WithName("GetImportJob");
        group.MapGet("/export", (HttpContext http, string app, string form, string? format, string? lang, string? q, RecordExporter exporter, CancellationToken ct) =>
            ExportAsync(http, app, form, new RecordQuery { Keyword = q }, format, lang, exporter, ct)).WithName("ExportRecords");
        group.MapPost("/export", (HttpContext http, string app, string form, RecordQuery query, string? format, string? lang, RecordExporter exporter, CancellationToken ct) =>
            ExportAsync(http, app, form, query, format, lang, exporter, ct)).WithName("ExportQueriedRecords");
    }

    private static async Task<Results<Ok<ImportReport>, Accepted<ImportJob>, ValidationProblem, ProblemHttpResult>> ImportAsync(HttpContext http, string app, string form,
        IFormFile file, [Microsoft.AspNetCore.Mvc.FromForm] string? options, RecordImporter importer, ImportJobs jobs, IOptions<FormsOptions> settings, CancellationToken ct)
    {
        ImportOptions parsed;
        try { parsed = options is { Length: > 0 } ? JsonSerializer.Deserialize<ImportOptions>(options, JsonSerializerOptions.Web) ?? new() : new(); }
        catch (JsonException e) { return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["options"] = [e.Message] }); }
        if (!file.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) && !file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Upload an .xlsx or .csv file. / 请上传 .xlsx 或 .csv 文件。"] });
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var content = buffer.ToArray();
        var user = ActingUser.Get(http);
        var rows = SpreadsheetReader.Read(content, file.FileName).Rows.Count;
        if (rows > settings.Value.BackgroundImportThreshold)
        {
            var id = await jobs.StartAsync(user, app, form, content, file.FileName, parsed, rows, ct);
            return TypedResults.Accepted($"/api/apps/{app}/forms/{form}/imports/{id}", new ImportJob(id, "running", rows, 0, null, null));
        }
        var report = await importer.ImportAsync(user, app, form, content, file.FileName, parsed, null, null, ct);
        if (report.Errors.FirstOrDefault(e => e.Row == 0) is { } refused) return Problems.Forbidden(refused.En, refused.Zh);
        return TypedResults.Ok(report);
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ExportAsync(HttpContext http, string app, string form, RecordQuery query,
        string? format, string? lang, RecordExporter exporter, CancellationToken ct)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        using var buffer = new MemoryStream();
        try
        {
            if (!await exporter.ExportAsync(ActingUser.Get(http), app, form, query, csv ? ExportFormat.Csv : ExportFormat.Xlsx, lang ?? "zh-CN", buffer, ct))
                return Problems.Forbidden("You may not export this form.", "您无权导出此表单。");
        }
        catch (QueryException e) { return TypedResults.Problem(title: $"{e.Message} / {e.MessageZh}", statusCode: StatusCodes.Status400BadRequest); }
        http.Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{form}.{(csv ? "csv" : "xlsx")}\"";
        buffer.Position = 0;
        await buffer.CopyToAsync(http.Response.Body, ct);
        return TypedResults.Empty;
    }
}
