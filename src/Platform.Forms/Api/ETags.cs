using Microsoft.AspNetCore.Http;

namespace Platform.Forms.Api;

/// <summary>The record version as an entity tag: <c>"3"</c> (weak tags and bare numbers are accepted in If-Match).</summary>
internal static class ETags
{
    public static string For(int version) => $"\"{version}\"";

    public static int? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.StartsWith("W/", StringComparison.Ordinal)) header = header[2..];
        return int.TryParse(header.Trim('"'), out var v) ? v : null;
    }
}
