using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.Workflow.Actions;

/// <summary>Fills {{name}} / {{record.title}} placeholders from an expression scope; unknown names render empty.</summary>
internal static partial class Templates
{
    public static string Render(string template, IReadOnlyDictionary<string, JsonNode?> scope) =>
        Placeholder().Replace(template, m =>
        {
            var path = m.Groups[1].Value.Split('.');
            scope.TryGetValue(path[0], out var node);
            foreach (var part in path.Skip(1)) node = node is JsonObject o ? o[part] : null;
            return node switch
            {
                null => "",
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                _ => node.ToJsonString(),
            };
        });

    [GeneratedRegex(@"\{\{\s*([\w.]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
