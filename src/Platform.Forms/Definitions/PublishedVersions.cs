namespace Platform.Forms.Definitions;

/// <summary>How a draft becomes the next version without losing data: keys and types stay, removed fields retire.</summary>
internal static class PublishedVersions
{
    public static FormDefinition Merge(FormDefinition? previous, FormDefinition draft)
    {
        if (previous is null) return draft with { Version = 1, Retired = null };
        var known = previous.Fields.Concat(previous.Retired ?? []).ToDictionary(f => f.Key);
        var errors = draft.Fields
            .Where(f => known.TryGetValue(f.Key, out var old) && old.Type != f.Type)
            .Select(f => $"Field '{f.Key}' was published as '{known[f.Key].Type}' and cannot become '{f.Type}'; add a new field instead (stored values would not fit).")
            .ToList();
        if (errors.Count > 0) throw new DefinitionException(errors);
        var draftKeys = draft.Fields.Select(f => f.Key).ToHashSet();
        var retired = (previous.Retired ?? []).Concat(previous.Fields).Where(f => !draftKeys.Contains(f.Key))
            .GroupBy(f => f.Key).Select(g => g.Last()).ToList();
        return draft with { Version = previous.Version + 1, Retired = retired.Count == 0 ? null : retired };
    }
}
