namespace Platform.Forms.Fields;

/// <summary>How a field's value is compared and sorted in SQL.</summary>
public enum SqlValueKind
{
    /// <summary>Text compared as text (also ISO dates and option keys, which sort correctly as text).</summary>
    Text,
    Numeric,
    Boolean,
    /// <summary>A JSON array of scalar keys (multi select, multiple members or relations).</summary>
    Array,
    /// <summary>Not filterable or sortable as a scalar (sub-table, attachment).</summary>
    None,
}
