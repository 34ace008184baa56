using System.Text.Json.Nodes;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>
/// Files uploaded to the platform first (size- and type-checked there), then referenced by id:
/// <c>[{"id": "…", "name": "a.pdf", "size": 1234, "contentType": "application/pdf"}]</c>.
/// The record store replaces name, size and type with what the upload recorded.
/// </summary>
public abstract class FileFieldTypeBase : IFieldType
{
    public abstract string Name { get; }
    public abstract string Widget { get; }
    public abstract long DefaultMaxSize { get; }
    public abstract IReadOnlyList<string> DefaultAccept { get; }

    public SqlValueKind SqlKind(FieldDefinition field) => SqlValueKind.None;
    public string SqlTextPath(FieldDefinition field) => $"->'{field.Key}'";

    public long MaxSize(FieldDefinition field) => field.MaxFileSize ?? DefaultMaxSize;
    public IReadOnlyList<string> Accept(FieldDefinition field) => field.Accept ?? DefaultAccept;

    public JsonObject Schema(FieldDefinition field) => new()
    {
        ["type"] = new JsonArray("array", "null"),
        ["items"] = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("id"),
            ["properties"] = new JsonObject { ["id"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" } },
        },
    };

    public FieldResult Normalize(FieldDefinition field, JsonNode? input, FieldContext context)
    {
        var files = new JsonArray();
        foreach (var item in FieldInput.AsList(input))
        {
            var idNode = item is JsonObject o ? o["id"] : item;
            if (!FieldInput.TryGuid(idNode, out var id)) return FieldResult.Fail(FieldInput.TypeError(field, "uploaded files", "已上传的文件"));
            files.Add(new JsonObject { ["id"] = id.ToString() });
        }
        if (field.MaxFiles is { } max && files.Count > max)
            return FieldResult.Fail(new FieldError(field.Key, "maxFiles", $"{field.Label.En} takes at most {max} files.", $"{field.Label.Zh}最多 {max} 个文件。"));
        return FieldResult.Of(files.Count == 0 ? null : files);
    }

    /// <summary>Whether an upload with this name and content type is accepted (by type, wildcard type or extension).</summary>
    public bool Accepts(FieldDefinition field, string fileName, string contentType)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return Accept(field).Any(a =>
            a == "*" || string.Equals(a, contentType, StringComparison.OrdinalIgnoreCase)
            || (a.EndsWith("/*", StringComparison.Ordinal) && contentType.StartsWith(a[..^1], StringComparison.OrdinalIgnoreCase))
            || (a.StartsWith('.') && a == extension));
    }
}
