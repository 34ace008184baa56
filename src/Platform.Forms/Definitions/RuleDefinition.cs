using System.Text.Json.Serialization;

namespace Platform.Forms.Definitions;

/// <summary>What a rule does to its fields when its condition holds.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RuleKind>))]
public enum RuleKind
{
    /// <summary>Fields are shown only while the condition holds (otherwise hidden and not required).</summary>
    Show,
    /// <summary>Fields are hidden (and not required) while the condition holds.</summary>
    Hide,
    /// <summary>Fields become required while the condition holds.</summary>
    Require,
    /// <summary>Cross-field validation: the record is refused unless the condition holds; the error goes on the fields.</summary>
    Validate,
}

/// <summary>A show/hide/require/validate rule with a sandboxed condition over field keys.</summary>
public sealed record RuleDefinition
{
    public required RuleKind Kind { get; init; }
    public required string When { get; init; }
    public required IReadOnlyList<string> Fields { get; init; }
    public LocalizedText? Message { get; init; }
}
