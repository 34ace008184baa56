using Platform.Forms.Definitions;
using Platform.Reports.Definitions;

namespace Platform.Reports.Sources;

/// <summary>What the report engine needs to know about a form: its fields, reduced to the kinds SQL cares about.</summary>
internal sealed record SourceSchema(string App, string Form, LocalizedText Name, IReadOnlyList<SourceField> Fields, int Version)
{
    public SourceField? Field(string key) => Fields.FirstOrDefault(f => f.Key == key);
}

/// <summary>A form field as the compiler sees it.</summary>
internal sealed record SourceField(string Key, FieldKind Kind, LocalizedText Label)
{
    public bool Multiple { get; init; }
    /// <summary>Select and multi-select options in their defined order.</summary>
    public IReadOnlyList<SourceOption> Options { get; init; } = [];
    /// <summary>Relation target.</summary>
    public (string App, string Form)? Relation { get; init; }
    /// <summary>Sub-table line fields.</summary>
    public IReadOnlyList<SourceField> Lines { get; init; } = [];

    public bool IsNumeric => Kind is FieldKind.Number;
    public bool IsTemporal => Kind is FieldKind.Date or FieldKind.DateTime;
}

internal sealed record SourceOption(string Key, LocalizedText Label);

/// <summary>How a field's stored value is read, grouped and aggregated.</summary>
internal enum FieldKind
{
    Text,
    Number,
    Boolean,
    Date,
    DateTime,
    Select,
    MultiSelect,
    Member,
    Department,
    Partner,
    Relation,
    SubTable,
    Address,
    Phone,
    /// <summary>Attachments, images, rich text: not groupable or aggregatable beyond counting.</summary>
    Opaque,
}

/// <summary>Looks up the report-relevant shape of published forms.</summary>
internal interface ISourceSchemas
{
    Task<SourceSchema?> GetAsync(string app, string form, CancellationToken ct);
}
