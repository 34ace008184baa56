using Platform.Forms.Definitions;
using Platform.Reports.Projections;
using Platform.Reports.Sources;

namespace Platform.Reports.Compilation;

/// <summary>
/// A field path resolved against the form definitions: the SQL yielding its value as text (or as jsonb for
/// multi-valued fields), the field it ends on, and the form that owns it (for hidden-field checks).
/// </summary>
internal sealed record ResolvedField(
    string Path,
    SourceField Field,
    FieldKind Kind,
    string TextSql,
    string JsonSql,
    string OwnerApp,
    string OwnerForm,
    string OwnerFieldKey)
{
    public LocalizedText Label => Field.Label;

    /// <summary>The typed column of a system field (<c>r.created_at</c>), so comparisons and buckets skip the text form.</summary>
    public string? Column { get; init; }

    /// <summary>For <c>address.province</c> / <c>.city</c> / <c>.district</c>: the part read.</summary>
    public string? AddressPart { get; init; }

    /// <summary>The projection column the value comes from, when the field is projected (its type is the column's).</summary>
    public ProjectedColumn? TypedColumn { get; init; }

    /// <summary>The value cast for arithmetic; stored numbers are JSON numbers, so the text form casts exactly.</summary>
    public string NumericSql => TypedColumn is { SqlType: "numeric" } ? Column! : $"({TextSql})::numeric";

    /// <summary>The value as a date (dates only).</summary>
    public string DateSql => TypedColumn is { SqlType: "date" } ? Column! : $"({TextSql})::date";

    /// <summary>The value as a uuid (single members, departments, partners and relations): a system column is one already.</summary>
    public string UuidSql => Column is not null && TypedColumn is null or { SqlType: "uuid" } ? Column : $"({TextSql})::uuid";

    /// <summary>The join condition matching an identity row's <c>id</c> to this reference.</summary>
    public string MatchesId(string idColumn) => $"{idColumn} = {UuidSql}";

    public bool IsMultiValued => Kind == FieldKind.MultiSelect || (Field.Multiple && Kind is FieldKind.Member or FieldKind.Department or FieldKind.Partner or FieldKind.Relation);
}
