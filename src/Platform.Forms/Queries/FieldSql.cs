using Platform.Forms.Definitions;
using Platform.Forms.Fields;

namespace Platform.Forms.Queries;

/// <summary>
/// The one place that turns a field into SQL over <c>data</c>. Index DDL and queries both use it, so the planner
/// sees identical expressions and the expression indexes apply. Keys are validated against the definition
/// (and a strict pattern) before they get here, which is why they can be spelled inside the expression.
/// </summary>
internal static class FieldSql
{
    public static string Value(FieldDefinition field, IFieldType type, string alias = "r")
    {
        var data = alias.Length == 0 ? "data" : $"{alias}.data";
        var text = $"{data}{type.SqlTextPath(field)}";
        return type.SqlKind(field) switch
        {
            SqlValueKind.Numeric => $"(({text})::numeric)",
            SqlValueKind.Boolean => $"(({text})::boolean)",
            _ => $"({text})",
        };
    }

    /// <summary>The concatenated text keyword search matches; a trigram index exists on exactly this expression.</summary>
    public static string? SearchText(IEnumerable<(FieldDefinition Field, IFieldType Type)> fields, string alias = "r")
    {
        var data = alias.Length == 0 ? "data" : $"{alias}.data";
        var parts = fields.Select(f => $"coalesce({data}{f.Type.SearchTextPath(f.Field)}, '')").ToList();
        return parts.Count == 0 ? null : $"({string.Join(" || ' ' || ", parts)})";
    }

    public static IEnumerable<(FieldDefinition Field, IFieldType Type)> Searchable(FormDefinition form, FieldTypeRegistry types, Func<FieldDefinition, bool>? visible = null) =>
        form.Fields
            .Select(f => (Field: f, Type: types.Get(f.Type)))
            .Where(x => x.Field.Searchable ?? x.Type.SearchableByDefault)
            .Where(x => x.Type.SqlKind(x.Field) is SqlValueKind.Text)
            .Where(x => visible?.Invoke(x.Field) ?? true);

    /// <summary>Literal for app and form keys inside index predicates; the keys match ^[a-z][a-z0-9_]*$.</summary>
    public static string Literal(string key) =>
        FormDefinitionParser.IsValidKey(key) ? $"'{key}'" : throw new ArgumentException($"Invalid key '{key}'.", nameof(key));
}
