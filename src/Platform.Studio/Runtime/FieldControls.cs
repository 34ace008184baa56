using Platform.Forms.Definitions;

namespace Platform.Studio.Runtime;

/// <summary>Which control edits a field on the record form.</summary>
public enum FieldControl
{
    Text, TextArea, Number, Date, DateTime, Select, MultiSelect, Checkbox, Phone, Email, Url, Address,
    Member, Department, Partner, Relation, Subtable, ReadOnly, Files,
}

public static class FieldControls
{
    public static FieldControl For(FieldDefinition field) => field.Type switch
    {
        "text" => field.Widget == "textarea" ? FieldControl.TextArea : FieldControl.Text,
        "textarea" or "richtext" => FieldControl.TextArea,
        "number" or "money" or "percent" => FieldControl.Number,
        "date" => FieldControl.Date,
        "datetime" => FieldControl.DateTime,
        "select" => FieldControl.Select,
        "multiselect" => FieldControl.MultiSelect,
        "checkbox" => FieldControl.Checkbox,
        "phone" => FieldControl.Phone,
        "email" => FieldControl.Email,
        "url" => FieldControl.Url,
        "address" => FieldControl.Address,
        "member" => FieldControl.Member,
        "department" => FieldControl.Department,
        "partner" => FieldControl.Partner,
        "relation" => FieldControl.Relation,
        "subtable" => FieldControl.Subtable,
        "attachment" or "image" => FieldControl.Files,
        // formula and autonumber are computed by the engine
        _ => FieldControl.ReadOnly,
    };

    /// <summary>Whether the user types into the field (computed fields are shown, never edited).</summary>
    public static bool IsEditable(FieldDefinition field) => For(field) != FieldControl.ReadOnly;
}
