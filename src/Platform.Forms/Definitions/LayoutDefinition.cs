namespace Platform.Forms.Definitions;

/// <summary>How the form is laid out: sections with columns and the order of fields in them.</summary>
public sealed record LayoutDefinition(IReadOnlyList<SectionDefinition> Sections)
{
    public static LayoutDefinition Empty { get; } = new([]);
}

public sealed record SectionDefinition
{
    public LocalizedText? Title { get; init; }
    public int Columns { get; init; } = 1;
    public bool Collapsed { get; init; }
    public required IReadOnlyList<string> Fields { get; init; }
}
