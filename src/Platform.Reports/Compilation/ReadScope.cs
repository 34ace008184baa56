using Platform.Core.Organization;

namespace Platform.Reports.Compilation;

/// <summary>
/// What a viewer may read of one form: whether at all, which fields are hidden from them, and the row predicate
/// (the same data scope list views apply) written against a records alias with its values as parameters.
/// </summary>
internal sealed record ReadScope(bool CanRead, IReadOnlySet<string> HiddenFields, Func<string, SqlParameters, string>? Predicate)
{
    public static ReadScope Everything { get; } = new(true, new HashSet<string>(), null);
}

/// <summary>Supplies read scopes; bound to the form engine's record permissions.</summary>
internal interface IReportAccess
{
    Task<ReadScope> GetAsync(UserContext user, string app, string form, CancellationToken ct);
}
