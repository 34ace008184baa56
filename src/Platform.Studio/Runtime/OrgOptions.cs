using Platform.Core.Organization;

namespace Platform.Studio.Runtime;

/// <summary>An entry of a member, department or partner picker.</summary>
public sealed record PickItem(Guid Id, string Name)
{
    public override string ToString() => Name;
}

/// <summary>
/// Searches people, departments and partners for the pickers on the record form. Each call uses its own scope
/// so a long-lived circuit never holds a stale DbContext; searches run on the server and return a page at most.
/// </summary>
public sealed class OrgOptions(IServiceScopeFactory scopes)
{
    public const int Limit = 20;

    public async Task<IReadOnlyList<PickItem>> SearchAsync(string fieldType, string? keyword, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<IOrganizationAdmin>();
        var text = keyword?.Trim();
        return fieldType switch
        {
            "member" => (await admin.ListUsersAsync(new UserFilter(Search: string.IsNullOrEmpty(text) ? null : text, Take: Limit), ct))
                .Where(u => !u.IsDisabled).Select(u => new PickItem(u.Id, u.DisplayName)).ToList(),
            "department" => (await admin.ListDepartmentsAsync(ct)).Where(d => Matches(d.Name, text)).Take(Limit).Select(d => new PickItem(d.Id, d.Name)).ToList(),
            "partner" => (await admin.ListPartnersAsync(ct)).Where(p => p.IsActive && (Matches(p.Name, text) || Matches(p.Code, text))).Take(Limit)
                .Select(p => new PickItem(p.Id, p.Name)).ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(fieldType), fieldType, "Not an organisation field type."),
        };
    }

    /// <summary>Names for ids already stored on a record.</summary>
    public async Task<IReadOnlyList<PickItem>> NamesAsync(string fieldType, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        await using var scope = scopes.CreateAsyncScope();
        if (fieldType == "member")
        {
            // One query for all of them, not one per id.
            var names = await ActivatorUtilities.GetServiceOrCreateInstance<OrgNames>(scope.ServiceProvider).NamesAsync(ids, ct);
            return ids.Select(id => new PickItem(id, names.TryGetValue(id, out var name) ? name : id.ToString())).ToList();
        }
        var all = await SearchAllAsync(scope.ServiceProvider.GetRequiredService<IOrganizationAdmin>(), fieldType, ct);
        return ids.Select(id => all.FirstOrDefault(i => i.Id == id) ?? new PickItem(id, id.ToString())).ToList();
    }

    private static async Task<IReadOnlyList<PickItem>> SearchAllAsync(IOrganizationAdmin admin, string fieldType, CancellationToken ct) => fieldType == "department"
        ? (await admin.ListDepartmentsAsync(ct)).Select(d => new PickItem(d.Id, d.Name)).ToList()
        : (await admin.ListPartnersAsync(ct)).Select(p => new PickItem(p.Id, p.Name)).ToList();

    private static bool Matches(string name, string? text) => string.IsNullOrEmpty(text) || name.Contains(text, StringComparison.CurrentCultureIgnoreCase);
}
