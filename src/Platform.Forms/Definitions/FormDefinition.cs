namespace Platform.Forms.Definitions;

/// <summary>A form: its fields (the data contract), layout, rules and role grants. Immutable once parsed.</summary>
public sealed record FormDefinition
{
    public required string App { get; init; }
    public required string Key { get; init; }
    public required LocalizedText Name { get; init; }
    public LocalizedText? Description { get; init; }
    /// <summary>The field whose value is the record's title (relation pickers, lists).</summary>
    public string? TitleField { get; init; }
    /// <summary>A partner field whose value becomes the record's partner (data scope); otherwise the writer's partner.</summary>
    public string? PartnerField { get; init; }
    public required IReadOnlyList<FieldDefinition> Fields { get; init; }
    public LayoutDefinition? Layout { get; init; }
    public IReadOnlyList<RuleDefinition>? Rules { get; init; }
    public IReadOnlyList<RoleGrant>? Permissions { get; init; }

    /// <summary>Published version this definition came from; 0 for a draft.</summary>
    public int Version { get; init; }

    /// <summary>Fields of a published version that were removed later; their stored values stay readable.</summary>
    public IReadOnlyList<FieldDefinition>? Retired { get; init; }

    public FieldDefinition? Field(string key) => Fields.FirstOrDefault(f => f.Key == key);
}
