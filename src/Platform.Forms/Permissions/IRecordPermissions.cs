using Platform.Core.Organization;
using Platform.Forms.Definitions;

namespace Platform.Forms.Permissions;

/// <summary>
/// The single permission check for records. Every read path of the forms engine — and the reports engine —
/// uses <see cref="ReadScopeAsync"/>, so they all see the same rows.
/// </summary>
public interface IRecordPermissions
{
    RecordAccess Resolve(UserContext user, FormDefinition form);

    /// <summary>
    /// The rows of <paramref name="form"/> the user may read, as a predicate over forms.records under
    /// <paramref name="alias"/> (it does not filter by app/form or deleted_at; callers do). FALSE without read permission.
    /// </summary>
    Task<SqlPredicate> ReadScopeAsync(UserContext user, FormDefinition form, string alias, CancellationToken ct);

    /// <summary>The same predicate for a form given by key; FALSE when the form is not published.</summary>
    Task<SqlPredicate> ReadScopeAsync(UserContext user, string app, string form, string alias, CancellationToken ct);
}
