using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Forms.Queries;

namespace Platform.Forms.Api;

/// <summary>RFC 9457 problem details for the engine's errors, with field maps in English and Chinese.</summary>
internal static class Problems
{
    public static ValidationProblem Fields(IReadOnlyList<FieldError> errors) => TypedResults.ValidationProblem(
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.En).ToArray()),
        title: "The record has invalid values. / 记录中有无效的值。",
        extensions: new Dictionary<string, object?>
        {
            ["errorsZh"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Zh).ToArray()),
            ["codes"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray()),
        });

    public static ValidationProblem Definition(DefinitionException e) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["definition"] = e.Errors.ToArray() },
        title: "The form definition is invalid. / 表单定义无效。");

    public static ValidationProblem Query(QueryException e) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [e.Field.Length == 0 ? "query" : e.Field] = [e.Message] },
        title: "The query is invalid. / 查询条件无效。",
        extensions: new Dictionary<string, object?> { ["errorsZh"] = new Dictionary<string, string[]> { [e.Field.Length == 0 ? "query" : e.Field] = [e.MessageZh] } });

    public static ProblemHttpResult Conflict(int currentVersion) => TypedResults.Problem(
        title: "The record was changed by someone else. / 记录已被他人修改。",
        detail: $"Reload the record (now version {currentVersion}) and apply your change again. / 请重新加载记录（当前版本 {currentVersion}）后再修改。",
        statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["currentVersion"] = currentVersion });

    public static ProblemHttpResult Forbidden(string en, string zh) =>
        TypedResults.Problem(title: $"{en} / {zh}", statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult PreconditionRequired() => TypedResults.Problem(
        title: "If-Match with the record version is required. / 需要在 If-Match 中提供记录版本。",
        statusCode: StatusCodes.Status428PreconditionRequired);

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: $"{what} was not found. / 未找到{what}。", statusCode: StatusCodes.Status404NotFound);
}
