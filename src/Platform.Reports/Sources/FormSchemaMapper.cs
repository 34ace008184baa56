using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Reports.Definitions;

namespace Platform.Reports.Sources;

/// <summary>Reduces a form definition to the field kinds the report compiler understands.</summary>
internal sealed class FormSchemaMapper(FieldTypeRegistry types)
{
    public SourceSchema Map(FormDefinition form) =>
        new(form.App, form.Key, form.Name, form.Fields.Select(f => MapField(f, form.App)).ToList(), form.Version);

    private SourceField MapField(FieldDefinition field, string app) => new(field.Key, KindOf(field), field.Label)
    {
        Multiple = field.Multiple || field.Type == "multiselect",
        Options = field.Options?.Select(o => new SourceOption(o.Key, o.Label)).ToList() ?? [],
        Relation = field.Relation is { } r ? (r.App ?? app, r.Form) : null,
        Lines = field.Fields?.Select(f => MapField(f, app)).ToList() ?? [],
    };

    private FieldKind KindOf(FieldDefinition field) => field.Type switch
    {
        "number" or "money" or "percent" => FieldKind.Number,
        "date" => FieldKind.Date,
        "formula" when field.Widget == "date" => FieldKind.Date,
        "datetime" => FieldKind.DateTime,
        "checkbox" => FieldKind.Boolean,
        "select" => FieldKind.Select,
        "multiselect" => FieldKind.MultiSelect,
        "member" => FieldKind.Member,
        "department" => FieldKind.Department,
        "partner" => FieldKind.Partner,
        "relation" => FieldKind.Relation,
        "subtable" => FieldKind.SubTable,
        "address" => FieldKind.Address,
        "phone" => FieldKind.Phone,
        "text" or "textarea" or "email" or "url" or "autonumber" => FieldKind.Text,
        _ when types.TryGet(field.Type, out var type) => type.SqlKind(field) switch
        {
            SqlValueKind.Numeric => FieldKind.Number,
            SqlValueKind.Boolean => FieldKind.Boolean,
            SqlValueKind.Text => FieldKind.Text,
            _ => FieldKind.Opaque,
        },
        _ => FieldKind.Opaque,
    };

}
