using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NJsonSchema;
using Platform.Forms.Fields;

namespace Platform.Forms.Definitions;

/// <summary>
/// The JSON Schema (draft 2020-12 vocabulary NJsonSchema understands) of a form's record data, assembled from each
/// field type's fragment. The store validates every normalised record against it as a last guard, so the data
/// contract other engines read is enforced, not just documented.
/// </summary>
public sealed class RecordSchema(FieldTypeRegistry types)
{
    private readonly ConcurrentDictionary<(string, string, int), JsonSchema> _compiled = new();

    public JsonObject Build(FormDefinition form)
    {
        var properties = new JsonObject();
        foreach (var field in form.Fields)
        {
            var fragment = types.Get(field.Type).Schema(field);
            fragment["title"] = field.Label.En;
            fragment["x-label-zh"] = field.Label.Zh;
            fragment["x-field-type"] = field.Type;
            properties[field.Key] = fragment;
        }
        return new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["title"] = form.Name.En,
            ["type"] = "object",
            ["properties"] = properties,
        };
    }

    /// <summary>JSON Schema of the definition document itself, generated from the typed model (for editors and package validation).</summary>
    public static string DefinitionDocumentSchema { get; } =
        JsonSchema.FromType<FormDefinition>(new NJsonSchema.Generation.SystemTextJsonSchemaGeneratorSettings { SerializerOptions = FormJson.Options }).ToJson();

    /// <summary>Violations of the data contract as "path: message" lines; empty when the data conforms.</summary>
    public IReadOnlyList<string> Validate(FormDefinition form, JsonObject data)
    {
        var schema = _compiled.GetOrAdd((form.App, form.Key, form.Version), _ => JsonSchema.FromJsonAsync(Build(form).ToJsonString()).GetAwaiter().GetResult());
        return schema.Validate(data.ToJsonString()).Select(e => $"{e.Path}: {e.Kind}").ToList();
    }
}
