using Platform.Core.Organization;

namespace Platform.Forms.Definitions;

/// <summary>
/// Takes forms and whole apps out of use without losing anything: a retired form is no longer published (no list,
/// record read or write reaches it) while its versions, draft and records stay stored; publishing it again (for
/// example reinstalling its package) continues its version history and shows the records again. A retired app is
/// hidden from the app lists until it is saved again.
/// </summary>
public interface IFormRetirement
{
    /// <summary>Live (not deleted) records per form of the app, the figure an uninstall warning shows.</summary>
    Task<IReadOnlyDictionary<string, long>> CountRecordsAsync(string app, CancellationToken ct);

    /// <summary>Unpublishes the form; false when it was not published.</summary>
    Task<bool> RetireFormAsync(string app, string form, UserContext user, CancellationToken ct);

    /// <summary>Retires every form of the app and hides the app; returns the forms retired.</summary>
    Task<IReadOnlyList<string>> RetireAppAsync(string app, UserContext user, CancellationToken ct);

    Task<bool> IsAppRetiredAsync(string app, CancellationToken ct);
}
