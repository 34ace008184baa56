using System.Text.Json.Nodes;

namespace Platform.Forms.Definitions;

/// <summary>
/// One field of a form. The key is immutable once published; everything else may change.
/// Type-specific settings are optional properties; the field type in the registry decides which apply.
/// </summary>
public sealed record FieldDefinition
{
    public required string Key { get; init; }
    public required string Type { get; init; }
    public required LocalizedText Label { get; init; }
    public LocalizedText? Help { get; init; }
    public LocalizedText? Placeholder { get; init; }
    public string? Widget { get; init; }

    public bool Required { get; init; }
    /// <summary>The platform keeps a PostgreSQL expression index for filtering and sorting on this field.</summary>
    public bool Indexed { get; init; }
    /// <summary>Enforced by a unique expression index; empty values never collide.</summary>
    public bool Unique { get; init; }
    /// <summary>Included in keyword search (text-like fields are by default).</summary>
    public bool? Searchable { get; init; }

    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public decimal? Min { get; init; }
    public decimal? Max { get; init; }
    public string? Pattern { get; init; }
    public LocalizedText? PatternMessage { get; init; }

    /// <summary>Digits after the decimal point (number, money, percent).</summary>
    public int? Precision { get; init; }
    /// <summary>ISO 4217 code for money.</summary>
    public string? Currency { get; init; }

    /// <summary>Stable option keys with labels and colours (select, multiselect).</summary>
    public IReadOnlyList<OptionDefinition>? Options { get; init; }

    /// <summary>Several values (multiselect is always multiple; member, department, partner, relation may be).</summary>
    public bool Multiple { get; init; }

    /// <summary>The related form (relation).</summary>
    public FormReference? Relation { get; init; }

    /// <summary>Typed fields of each line (subtable).</summary>
    public IReadOnlyList<FieldDefinition>? Fields { get; init; }

    /// <summary>Sandboxed expression over other fields (formula).</summary>
    public string? Expression { get; init; }

    /// <summary>Pattern such as <c>ORD-{yyyy}{MM}-{0000}</c> (autonumber).</summary>
    public string? NumberPattern { get; init; }

    /// <summary>Largest accepted file in bytes and accepted content types or extensions (attachment, image).</summary>
    public long? MaxFileSize { get; init; }
    public IReadOnlyList<string>? Accept { get; init; }
    public int? MaxFiles { get; init; }

    /// <summary>Default region for phone numbers without a country code.</summary>
    public string? Region { get; init; }

    /// <summary>Value on create when none is given; either a constant or an expression.</summary>
    public JsonNode? Default { get; init; }
    public string? DefaultExpression { get; init; }
}

/// <summary>A select option: the key is stored, the label shown.</summary>
public sealed record OptionDefinition(string Key, LocalizedText Label, string? Color = null);

/// <summary>Points at a form of an app; the app defaults to the referencing form's app.</summary>
public sealed record FormReference(string Form, string? App = null);
