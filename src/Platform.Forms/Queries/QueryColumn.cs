using Platform.Forms.Definitions;
using Platform.Forms.Fields;

namespace Platform.Forms.Queries;

/// <summary>A resolved filter/sort target: a definition field or a promoted system column, with its SQL and kind.</summary>
internal sealed record QueryColumn(string Key, string Sql, SqlValueKind Kind, string Semantic)
{
    public static readonly IReadOnlyDictionary<string, (string Column, SqlValueKind Kind, string Semantic)> System =
        new Dictionary<string, (string, SqlValueKind, string)>
        {
            ["_id"] = ("id", SqlValueKind.Text, "uuid"),
            ["_title"] = ("title", SqlValueKind.Text, "text"),
            ["_owner"] = ("owner_id", SqlValueKind.Text, "member"),
            ["_department"] = ("department_id", SqlValueKind.Text, "department"),
            ["_partner"] = ("partner_id", SqlValueKind.Text, "partner"),
            ["_createdBy"] = ("created_by", SqlValueKind.Text, "member"),
            ["_createdAt"] = ("created_at", SqlValueKind.Text, "timestamp"),
            ["_updatedBy"] = ("updated_by", SqlValueKind.Text, "member"),
            ["_updatedAt"] = ("updated_at", SqlValueKind.Text, "timestamp"),
            ["_version"] = ("version", SqlValueKind.Numeric, "number"),
        };

    public bool IsSystem => Key.StartsWith('_');

    public static QueryColumn Resolve(string key, FormDefinition form, FieldTypeRegistry types, Permissions.RecordAccess access)
    {
        if (System.TryGetValue(key, out var sys) && !(key == "_title" && access.TitleHidden))
            return new QueryColumn(key, $"r.{sys.Column}", sys.Kind, sys.Semantic);
        var field = form.Field(key);
        if (field is null || !access.IsVisible(key))
            throw new QueryException(key, $"'{key}' is not a field of form '{form.Key}'.", $"“{key}”不是表单“{form.Name.Zh}”的字段。");
        var type = types.Get(field.Type);
        var kind = type.SqlKind(field);
        var semantic = field.Type is "formula" ? (field.Widget ?? "number") : field.Type;
        return new QueryColumn(key, FieldSql.Value(field, type), kind, semantic);
    }
}
