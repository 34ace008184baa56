using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.Forms.History;
using Platform.Forms.Queries;
using Platform.Forms.Records;

namespace Platform.Forms.Api;

/// <summary>/api/apps/{app}/forms/{form}/records: CRUD with If-Match versions, history, lists, queries and lookups.</summary>
internal static class RecordEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var records = api.MapGroup("/apps/{app}/forms/{form}/records").WithTags("Records");
        records.MapGet("/", ListAsync).WithName("ListRecords").WithSummary("Lists records with sort, keyword and paging (query string).");
        records.MapPost("/query", QueryAsync).WithName("QueryRecords").WithSummary("Lists records with a full filter tree.");
        records.MapGet("/lookup", LookupAsync).WithName("LookupRecords").WithSummary("Ids and titles for relation pickers.");
        records.MapPost("/", CreateAsync).WithName("CreateRecord");
        records.MapGet("/{id:guid}", GetAsync).WithName("GetRecord");
        records.MapPut("/{id:guid}", (HttpContext http, string app, string form, Guid id, JsonObject data, IRecordStore store, RelationTitles titles, CancellationToken ct)
            => UpdateAsync(http, app, form, id, data, partial: false, store, titles, ct)).WithName("ReplaceRecord");
        records.MapPatch("/{id:guid}", (HttpContext http, string app, string form, Guid id, JsonObject data, IRecordStore store, RelationTitles titles, CancellationToken ct)
            => UpdateAsync(http, app, form, id, data, partial: true, store, titles, ct)).WithName("PatchRecord");
        records.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteRecord");
        records.MapPost("/{id:guid}/restore", RestoreAsync).WithName("RestoreRecord");
        records.MapGet("/{id:guid}/history", HistoryAsync).WithName("RecordHistory");
        records.MapPost("/{id:guid}/assign", AssignAsync).WithName("AssignRecord").WithSummary("Hands the record to another owner.");
    }

    private static async Task<Results<Ok<RecordPage>, ValidationProblem>> ListAsync(HttpContext http, string app, string form, IRecordQueries queries,
        string? q, string? sort, string? after, int? page, int? pageSize, bool? total, bool? deleted, CancellationToken ct)
    {
        var query = new RecordQuery
        {
            Keyword = q, After = after, Page = page ?? 1, PageSize = pageSize ?? 50, IncludeTotal = total ?? false, Deleted = deleted ?? false,
            Sort = sort?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => s.StartsWith('-') ? new SortSpec(s[1..], true) : new SortSpec(s.TrimStart('+'))).ToList(),
        };
        return await QueryAsync(http, app, form, query, queries, ct);
    }

    private static async Task<Results<Ok<RecordPage>, ValidationProblem>> QueryAsync(HttpContext http, string app, string form, RecordQuery query,
        IRecordQueries queries, CancellationToken ct)
    {
        try { return TypedResults.Ok(await queries.ListAsync(ActingUser.Get(http), app, form, query, ct)); }
        catch (QueryException e) { return Problems.Query(e); }
    }

    private static async Task<Ok<IReadOnlyList<RecordTitle>>> LookupAsync(HttpContext http, string app, string form, string? q, string? ids, int? limit,
        IRecordQueries queries, CancellationToken ct)
    {
        var idList = ids?.Split(',').Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        return TypedResults.Ok(await queries.LookupAsync(ActingUser.Get(http), app, form, q, idList, limit ?? 20, ct));
    }

    private static async Task<Results<Created<RecordView>, ValidationProblem, ProblemHttpResult>> CreateAsync(HttpContext http, string app, string form,
        JsonObject data, IRecordStore store, RelationTitles titles, CancellationToken ct)
    {
        var user = ActingUser.Get(http);
        var result = await store.CreateAsync(user, app, form, data, ct);
        if (result is not RecordWriteResult.Saved saved) return Failure<Created<RecordView>>(result);
        http.Response.Headers.ETag = ETags.For(saved.Record.Version);
        return TypedResults.Created($"/api/apps/{app}/forms/{form}/records/{saved.Record.Id}", await titles.ViewAsync(user, saved.Record, ct));
    }

    private static async Task<Results<Ok<RecordView>, ProblemHttpResult>> GetAsync(HttpContext http, string app, string form, Guid id,
        IRecordStore store, RelationTitles titles, CancellationToken ct)
    {
        var user = ActingUser.Get(http);
        if (await store.GetAsync(user, app, form, id, ct) is not { } record) return Problems.NotFound("The record / 记录");
        http.Response.Headers.ETag = ETags.For(record.Version);
        return TypedResults.Ok(await titles.ViewAsync(user, record, ct));
    }

    private static async Task<Results<Ok<RecordView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(HttpContext http, string app, string form, Guid id,
        JsonObject data, bool partial, IRecordStore store, RelationTitles titles, CancellationToken ct)
    {
        if (ETags.IfMatch(http.Request) is not { } version) return Problems.PreconditionRequired();
        var user = ActingUser.Get(http);
        var result = await store.UpdateAsync(user, app, form, id, data, version, partial, ct);
        if (result is not RecordWriteResult.Saved saved) return Failure<Ok<RecordView>>(result);
        http.Response.Headers.ETag = ETags.For(saved.Record.Version);
        return TypedResults.Ok(await titles.ViewAsync(user, saved.Record, ct));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(HttpContext http, string app, string form, Guid id,
        IRecordStore store, CancellationToken ct)
    {
        var result = await store.DeleteAsync(ActingUser.Get(http), app, form, id, ETags.IfMatch(http.Request), ct);
        return result is RecordWriteResult.Saved ? TypedResults.NoContent() : Failure<NoContent>(result);
    }

    private static async Task<Results<Ok<FormRecord>, ValidationProblem, ProblemHttpResult>> RestoreAsync(HttpContext http, string app, string form, Guid id,
        IRecordStore store, CancellationToken ct)
    {
        var result = await store.RestoreAsync(ActingUser.Get(http), app, form, id, ct);
        return result is RecordWriteResult.Saved saved ? TypedResults.Ok(saved.Record) : Failure<Ok<FormRecord>>(result);
    }

    /// <summary>Body of an assignment: the new owner and, optionally, the department the record counts for.</summary>
    internal sealed record Assignment(Guid OwnerId, Guid? DepartmentId);

    private static async Task<Results<Ok<FormRecord>, ValidationProblem, ProblemHttpResult>> AssignAsync(HttpContext http, string app, string form, Guid id,
        Assignment body, IRecordStore store, CancellationToken ct)
    {
        var result = await store.AssignAsync(ActingUser.Get(http), app, form, id, body.OwnerId, body.DepartmentId, ETags.IfMatch(http.Request), ct);
        if (result is not RecordWriteResult.Saved saved) return Failure<Ok<FormRecord>>(result);
        http.Response.Headers.ETag = ETags.For(saved.Record.Version);
        return TypedResults.Ok(saved.Record);
    }

    private static async Task<Results<Ok<IReadOnlyList<RecordHistoryEntry>>, ProblemHttpResult>> HistoryAsync(HttpContext http, string app, string form, Guid id,
        IRecordStore store, CancellationToken ct) =>
        await store.HistoryAsync(ActingUser.Get(http), app, form, id, ct) is { } history
            ? TypedResults.Ok(history) : Problems.NotFound("The record / 记录");

    /// <summary>Every non-success outcome of a write, as problem details.</summary>
    private static Results<T, ValidationProblem, ProblemHttpResult> Failure<T>(RecordWriteResult result) where T : IResult =>
        result is RecordWriteResult.Invalid invalid ? Problems.Fields(invalid.Errors) : Problem(result);

    internal static ProblemHttpResult Problem(RecordWriteResult result) => result switch
    {
        RecordWriteResult.Conflict conflict => Problems.Conflict(conflict.CurrentVersion),
        RecordWriteResult.Forbidden forbidden => Problems.Forbidden(forbidden.En, forbidden.Zh),
        _ => Problems.NotFound("The record / 记录"),
    };
}
