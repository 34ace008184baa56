using System.Text.Json;
using Platform.Forms.Queries;

namespace Platform.Studio.Runtime.Dashboards;

/// <summary>
/// Links to a record list narrowed by a filter in the engine's filter model (JSON in the query string). The list
/// compiles it like any other filter, so unknown fields are refused and the viewer's data scope still applies.
/// </summary>
public static class ListLinks
{
    public const string FilterParameter = "filter";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static string Filtered(string app, string form, FilterNode filter) =>
        $"/apps/{Uri.EscapeDataString(app)}/forms/{Uri.EscapeDataString(form)}?{FilterParameter}={Uri.EscapeDataString(JsonSerializer.Serialize(filter, Json))}";

    /// <summary>The filter carried by a list link; null when absent or not a filter.</summary>
    public static FilterNode? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<FilterNode>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
