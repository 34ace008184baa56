namespace Platform.Studio.Api;

/// <summary>RFC 9457 problem details with the message in English and Chinese.</summary>
internal static class ApiProblems
{
    public static IResult Problem(int status, string title, string detail, string detailZh,
        IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?> { ["detailZh"] = detailZh };
        foreach (var (k, v) in extra ?? new Dictionary<string, object?>()) extensions[k] = v;
        return Results.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }
}
