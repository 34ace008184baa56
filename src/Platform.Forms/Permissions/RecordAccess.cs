using Platform.Forms.Definitions;

namespace Platform.Forms.Permissions;

/// <summary>What one user may do on one form: per action the union of data scopes over their roles, and field access.</summary>
public sealed record RecordAccess(IReadOnlyDictionary<FormAction, IReadOnlySet<DataScope>> Scopes, IReadOnlyDictionary<string, FieldAccess> Fields, bool Unrestricted)
{
    public bool Can(FormAction action) => Scopes.ContainsKey(action);

    public IReadOnlySet<DataScope> ScopesFor(FormAction action) => Scopes.TryGetValue(action, out var s) ? s : new HashSet<DataScope>();

    /// <summary>Fields not mentioned by any of the user's roles are editable.</summary>
    public FieldAccess For(string field) => Fields.TryGetValue(field, out var access) ? access : FieldAccess.Editable;

    public bool IsVisible(string field) => For(field) != FieldAccess.Hidden;

    /// <summary>
    /// The stored title is a copy of the title field's value, so a user who may not see that field does not see the
    /// title either: it is blanked in every record read, and it cannot be filtered, sorted or searched on.
    /// </summary>
    public bool TitleHidden { get; init; }
}
