using System.Text.Json.Nodes;
using Platform.Forms.Definitions;

namespace Platform.Forms.Fields;

/// <summary>A reference by id (user, department, partner, record): one uuid string, or an array of them when multiple.</summary>
public abstract class IdFieldTypeBase : IFieldType
{
    public abstract string Name { get; }
    public abstract string Widget { get; }
    protected abstract (string En, string Zh) Noun { get; }

    public SqlValueKind SqlKind(FieldDefinition field) => field.Multiple ? SqlValueKind.Array : SqlValueKind.Text;
    public string SqlTextPath(FieldDefinition field) => field.Multiple ? $"->'{field.Key}'" : $"->>'{field.Key}'";

    public virtual JsonObject Schema(FieldDefinition field) => field.Multiple
        ? new() { ["type"] = new JsonArray("array", "null"), ["items"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" } }
        : new() { ["type"] = new JsonArray("string", "null"), ["format"] = "uuid" };

    public FieldResult Normalize(FieldDefinition field, JsonNode? input, FieldContext context)
    {
        var ids = new List<Guid>();
        foreach (var item in FieldInput.AsList(input))
        {
            var candidate = item is JsonObject o ? o["id"] : item;
            if (!FieldInput.TryGuid(candidate, out var id))
                return FieldResult.Fail(FieldInput.TypeError(field, $"a {Noun.En} id", $"{Noun.Zh}标识"));
            if (!ids.Contains(id)) ids.Add(id);
        }
        if (ids.Count == 0) return FieldResult.Of(null);
        if (!field.Multiple && ids.Count > 1)
            return FieldResult.Fail(new FieldError(field.Key, "single", $"{field.Label.En} takes one {Noun.En}.", $"{field.Label.Zh}只能选择一个{Noun.Zh}。"));
        return FieldResult.Of(field.Multiple
            ? new JsonArray([.. ids.Select(i => (JsonNode)JsonValue.Create(i.ToString()))])
            : JsonValue.Create(ids[0].ToString()));
    }
}
