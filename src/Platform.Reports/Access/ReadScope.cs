using Platform.Core.Organization;

namespace Platform.Reports.Access;

/// <summary>
/// What a viewer may read of one form: whether at all, which fields are hidden from them, and the row predicate
/// over the records alias <c>r</c> (the same data scope list views apply) with its named parameters.
/// </summary>
internal sealed record ReadScope(bool CanRead, IReadOnlySet<string> HiddenFields, string PredicateSql, IReadOnlyDictionary<string, object?> PredicateParameters)
{
    public static ReadScope Nothing { get; } = new(false, new HashSet<string>(), "FALSE", new Dictionary<string, object?>()) { TitleHidden = true };

    /// <summary>
    /// The stored title copies the title field, so a viewer who may not see that field may not see the title either
    /// (the form engine's <c>RecordAccess.TitleHidden</c>).
    /// </summary>
    public bool TitleHidden { get; init; }

    /// <summary>Whether a record's title may be shown at all; the record must still lie within <see cref="PredicateSql"/>.</summary>
    public bool TitleReadable => CanRead && !TitleHidden;
}

/// <summary>Supplies read scopes; bound to the form engine's record permissions.</summary>
internal interface IReportAccess
{
    Task<ReadScope> GetAsync(UserContext user, string app, string form, CancellationToken ct);
}
