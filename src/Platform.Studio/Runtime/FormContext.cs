using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Permissions;

namespace Platform.Studio.Runtime;

/// <summary>A published form as one user works with it: the definition and what they may do and see.</summary>
public sealed record FormContext(UserContext User, FormDefinition Form, RecordAccess Access)
{
    public IEnumerable<FieldDefinition> VisibleFields => Form.Fields.Where(f => Access.IsVisible(f.Key));

    public bool IsReadOnly(FieldDefinition field) => Access.For(field.Key) == FieldAccess.ReadOnly || !FieldControls.IsEditable(field);
}

/// <summary>Loads <see cref="FormContext"/>s for the signed-in user; null when the form is unknown or unreadable for them.</summary>
public sealed class FormContexts(CurrentUser current, IFormDefinitions definitions, IRecordPermissions permissions)
{
    public async Task<FormContext?> LoadAsync(string app, string form, CancellationToken ct)
    {
        var user = await current.GetAsync(ct);
        if (user is null) return null;
        var definition = await definitions.GetPublishedAsync(app, form, ct);
        if (definition is null) return null;
        var access = permissions.Resolve(user, definition);
        return access.Can(FormAction.Read) ? new FormContext(user, definition, access) : null;
    }

    /// <summary>The published forms of an app the user may read.</summary>
    public async Task<IReadOnlyList<FormContext>> ListAsync(string app, CancellationToken ct)
    {
        var result = new List<FormContext>();
        foreach (var summary in await definitions.ListFormsAsync(app, ct))
        {
            if (summary.PublishedVersion is null) continue;
            if (await LoadAsync(app, summary.Key, ct) is { } context) result.Add(context);
        }
        return result;
    }
}
