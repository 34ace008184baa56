using System.Text;
using System.Text.Json;

namespace Platform.Forms.Queries;

/// <summary>An opaque keyset position: the last row's sort value (null for the trailing empty-value rows) and id.</summary>
internal sealed record PageCursor(string Sort, string? Value, Guid? Id)
{
    public string Encode() => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(this)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static PageCursor Decode(string text)
    {
        try
        {
            var b64 = text.Replace('-', '+').Replace('_', '/');
            b64 += new string('=', (4 - b64.Length % 4) % 4);
            return JsonSerializer.Deserialize<PageCursor>(Encoding.UTF8.GetString(Convert.FromBase64String(b64)))
                ?? throw new FormatException();
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new QueryException("after", "The page cursor is not valid; start again from the first page.", "分页游标无效，请从第一页重新开始。");
        }
    }
}
