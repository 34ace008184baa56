using System.Text.Json.Nodes;

namespace Platform.Reports.Api;

/// <summary>Body of run and export: parameter values by key, and optionally another chart type to draw.</summary>
internal sealed record RunRequest(Dictionary<string, JsonNode?>? Parameters = null, string? Chart = null);

/// <summary>Body of a preview run of an unsaved definition.</summary>
internal sealed record PreviewRequest(JsonObject Definition, Dictionary<string, JsonNode?>? Parameters = null);

/// <summary>Body of a drill-down: the clicked element's dimension keys (its <c>keys</c>) and the parameters it was drawn with.</summary>
internal sealed record DrillRequest(List<string?> Keys, Dictionary<string, JsonNode?>? Parameters = null, int Limit = 200);

/// <summary>Body of a dashboard load or widget drill-down: dashboard filter values by key.</summary>
internal sealed record DashboardRequest(Dictionary<string, JsonNode?>? Filters = null, List<string?>? Keys = null, int Limit = 200);
