using Platform.Core.Organization;
using Platform.Forms.Definitions;

namespace Platform.Studio.Admin;

/// <summary>
/// One form as the role matrix shows it: the role's grant (null: none), and whether the form has grants at all —
/// a form without any grant is open to every internal user, so granting the first role closes it to the others.
/// </summary>
public sealed record FormPermissionRow(
    string App, LocalizedText AppName, string Form, LocalizedText FormName, int Version,
    IReadOnlyList<FieldDefinition> Fields, RoleGrant? Grant, bool FormHasGrants);

/// <summary>
/// Reads and writes the Forms engine's role grants (<see cref="FormDefinition.Permissions"/>). A change is published
/// as a new form version so it applies to the next read at once; a designer's unpublished draft keeps its other
/// edits and gets the same grant.
/// </summary>
public sealed class PermissionMatrix(AdminScope admin)
{
    public Task<IReadOnlyList<FormPermissionRow>> ReadAsync(UserContext actor, string role, CancellationToken ct) =>
        admin.ReadAsync(actor, async sp =>
        {
            var definitions = sp.GetRequiredService<IFormDefinitions>();
            var rows = new List<FormPermissionRow>();
            foreach (var app in await definitions.ListAppsAsync(ct))
                foreach (var summary in await definitions.ListFormsAsync(app.Key, ct))
                {
                    if (await definitions.GetPublishedAsync(app.Key, summary.Key, ct) is not { } form) continue;
                    var grant = form.Permissions?.FirstOrDefault(g => g.Role == role);
                    rows.Add(new FormPermissionRow(app.Key, app.Name, form.Key, form.Name, form.Version, form.Fields,
                        grant, form.Permissions is { Count: > 0 }));
                }
            return (IReadOnlyList<FormPermissionRow>)rows;
        });

    /// <summary>Sets (or with null removes) <paramref name="role"/>'s grant on the form and publishes it.</summary>
    public Task<FormDefinition> SaveAsync(UserContext actor, string app, string form, string role, RoleGrant? grant, CancellationToken ct)
    {
        if (grant is not null && grant.Role != role) throw new ArgumentException("The grant is for another role.", nameof(grant));
        return admin.RunAsync(actor, async sp =>
        {
            var definitions = sp.GetRequiredService<IFormDefinitions>();
            var parser = sp.GetRequiredService<FormDefinitionParser>();
            var published = await definitions.GetPublishedAsync(app, form, ct) ?? throw new DefinitionException(
                [$"Form '{app}/{form}' is not published. / 表单 '{app}/{form}' 尚未发布。"]);
            var draft = await definitions.GetDraftAsync(app, form, ct);
            var draftHasOtherEdits = draft is not null && Canonical(parser, draft) != Canonical(parser, published);

            await definitions.SaveDraftAsync(WithGrant(published, role, grant), actor, ct);
            var result = await definitions.PublishAsync(app, form, actor, ct);
            if (draftHasOtherEdits) await definitions.SaveDraftAsync(WithGrant(draft!, role, grant), actor, ct);
            return result;
        }, result => AdminScope.Event(actor, "permission.changed", $"{app}/{form} · {role}", Describe(grant, result.Version)), ct);
    }

    private static FormDefinition WithGrant(FormDefinition form, string role, RoleGrant? grant)
    {
        var others = (form.Permissions ?? []).Where(g => g.Role != role);
        var grants = grant is null ? others.ToList() : others.Append(Clean(grant, form)).ToList();
        return form with { Permissions = grants.Count == 0 ? null : grants, Version = 0, Retired = null };
    }

    /// <summary>Drops field rules for fields the form no longer has and the default (editable), keeping the definition small.</summary>
    private static RoleGrant Clean(RoleGrant grant, FormDefinition form)
    {
        var fields = grant.Fields?.Where(f => f.Value != FieldAccess.Editable && form.Field(f.Key) is not null)
            .ToDictionary(f => f.Key, f => f.Value);
        return grant with { Fields = fields is { Count: > 0 } ? fields : null, Actions = grant.Actions.Distinct().Order().ToList() };
    }

    private static string Canonical(FormDefinitionParser parser, FormDefinition form) =>
        parser.Serialize(form with { Version = 0, Retired = null });

    private static string Describe(RoleGrant? grant, int version) => grant is null
        ? $"grant removed; version {version}"
        : $"actions: {string.Join(", ", grant.Actions)}; scope: {grant.Scope}; fields: " +
          (grant.Fields is { Count: > 0 } f ? string.Join(", ", f.Select(x => $"{x.Key}={x.Value}")) : "all editable") +
          $"; version {version}";
}
