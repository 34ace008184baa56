using Platform.Forms.Definitions;

namespace Platform.Reports.Sources;

/// <summary>Published form definitions, reduced for the compiler. Retired fields stay reportable: their values are still stored.</summary>
internal sealed class FormsSourceSchemas(IFormDefinitions definitions, FormSchemaMapper mapper) : ISourceSchemas
{
    public async Task<SourceSchema?> GetAsync(string app, string form, CancellationToken ct)
    {
        var definition = await definitions.GetPublishedAsync(app, form, ct);
        if (definition is null) return null;
        var schema = mapper.Map(definition);
        var retired = (definition.Retired ?? []).Where(r => schema.Field(r.Key) is null).Select(r => mapper.Map(definition with { Fields = [r] }).Fields[0]);
        return schema with { Fields = schema.Fields.Concat(retired).ToList() };
    }
}
