using System.Text.Json.Nodes;

namespace Platform.Studio.Components.Dashboards;

/// <summary>The colours a report designer chose, applied to the engine's ECharts option as its palette.</summary>
public static class ChartPalette
{
    /// <summary>
    /// A copy of <paramref name="option"/> with <paramref name="colors"/> as ECharts' <c>color</c> list; the option
    /// itself is left alone because cached report results share it.
    /// </summary>
    public static JsonObject Apply(JsonObject option, IReadOnlyList<string>? colors)
    {
        if (colors is not { Count: > 0 }) return option;
        var copy = (JsonObject)option.DeepClone();
        copy["color"] = new JsonArray([.. colors.Select(c => (JsonNode?)JsonValue.Create(c))]);
        return copy;
    }
}
