using Platform.Core.Organization;

namespace Platform.Reports.Access;

/// <summary>
/// What a viewer may read of one form: whether at all, which fields are hidden from them, and the row predicate
/// over the records alias <c>r</c> (the same data scope list views apply) with its named parameters.
/// </summary>
internal sealed record ReadScope(bool CanRead, IReadOnlySet<string> HiddenFields, string PredicateSql, IReadOnlyDictionary<string, object?> PredicateParameters)
{
    public static ReadScope Nothing { get; } = new(false, new HashSet<string>(), "FALSE", new Dictionary<string, object?>());
}

/// <summary>Supplies read scopes; bound to the form engine's record permissions.</summary>
internal interface IReportAccess
{
    Task<ReadScope> GetAsync(UserContext user, string app, string form, CancellationToken ct);
}
