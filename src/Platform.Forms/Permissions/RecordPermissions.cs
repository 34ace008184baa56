using Platform.Core.Organization;
using Platform.Forms.Definitions;

namespace Platform.Forms.Permissions;

/// <summary>
/// Role grants of the form definition, unioned over the user's roles. Two rules hold whatever the grants say:
/// the system and administrators see everything, and a partner user never sees another partner's records
/// (their scope is always intersected with their own partner). A form without grants is open to internal users
/// and limited to the own partner for partner users.
/// </summary>
internal sealed class RecordPermissions(IOrgDirectory org, IFormDefinitions definitions) : IRecordPermissions
{
    private static readonly IReadOnlyDictionary<string, FieldAccess> NoFieldRules = new Dictionary<string, FieldAccess>();

    public RecordAccess Resolve(UserContext user, FormDefinition form)
    {
        if (user.IsSystem || user.IsAdministrator) return new RecordAccess(Everything(DataScope.All), NoFieldRules, true);
        if (form.Permissions is not { Count: > 0 } grants)
            return new RecordAccess(Everything(user.IsPartnerUser ? DataScope.Partner : DataScope.All), NoFieldRules, false);

        var mine = grants.Where(g => user.Roles.Contains(g.Role)).ToList();
        var scopes = mine.SelectMany(g => g.Actions.Select(a => (Action: a, g.Scope)))
            .GroupBy(x => x.Action)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<DataScope>)g.Select(x => x.Scope).ToHashSet());
        var fields = new Dictionary<string, FieldAccess>();
        foreach (var field in form.Fields)
        {
            // The most permissive role wins; a role that does not mention a field leaves it editable.
            var access = mine.Count == 0 ? FieldAccess.Hidden : mine.Max(g => g.Fields?.GetValueOrDefault(field.Key, FieldAccess.Editable) ?? FieldAccess.Editable);
            if (access != FieldAccess.Editable) fields[field.Key] = access;
        }
        var titleField = form.TitleField ?? form.Fields.FirstOrDefault(f => f.Type == "text")?.Key;
        return new RecordAccess(scopes, fields, false) { TitleHidden = titleField is not null && fields.TryGetValue(titleField, out var title) && title == FieldAccess.Hidden };
    }

    private static Dictionary<FormAction, IReadOnlySet<DataScope>> Everything(DataScope scope) =>
        Enum.GetValues<FormAction>().ToDictionary(a => a, _ => (IReadOnlySet<DataScope>)new HashSet<DataScope> { scope });

    public async Task<SqlPredicate> ReadScopeAsync(UserContext user, string app, string form, string alias, CancellationToken ct) =>
        await definitions.GetPublishedAsync(app, form, ct) is { } definition ? await ReadScopeAsync(user, definition, alias, ct) : SqlPredicate.False;

    public async Task<SqlPredicate> ReadScopeAsync(UserContext user, FormDefinition form, string alias, CancellationToken ct)
    {
        var access = Resolve(user, form);
        if (access.Unrestricted) return SqlPredicate.True;
        if (!access.Can(FormAction.Read)) return SqlPredicate.False;
        return await ScopePredicateAsync(user, access.ScopesFor(FormAction.Read), alias, ct);
    }

    /// <summary>The rows reached by a set of scopes (used for reads and, with the same rules, for writes).</summary>
    internal async Task<SqlPredicate> ScopePredicateAsync(UserContext user, IReadOnlySet<DataScope> scopes, string alias, CancellationToken ct)
    {
        var p = $"scope_{Guid.NewGuid():N}"[..14];
        var parameters = new Dictionary<string, object?>();
        var col = (string name) => alias.Length == 0 ? name : $"{alias}.{name}";
        var parts = new List<string>();
        if (scopes.Contains(DataScope.All)) parts.Add("TRUE");
        if (scopes.Contains(DataScope.Own)) { parts.Add($"{col("owner_id")} = @{p}_user"); parameters[$"{p}_user"] = user.UserId; }
        if (scopes.Contains(DataScope.Partner) && user.PartnerId is { } partner)
        {
            parts.Add($"{col("partner_id")} = @{p}_partner");
            parameters[$"{p}_partner"] = partner;
        }
        if (scopes.Contains(DataScope.DepartmentTree) && user.DepartmentId is { } root)
        {
            parts.Add($"{col("department_id")} = ANY(@{p}_depts)");
            parameters[$"{p}_depts"] = (await org.GetDepartmentSubtreeAsync(root, ct)).ToArray();
        }
        else if (scopes.Contains(DataScope.Department) && user.DepartmentId is { } department)
        {
            parts.Add($"{col("department_id")} = @{p}_dept");
            parameters[$"{p}_dept"] = department;
        }
        var sql = parts.Count == 0 ? "FALSE" : parts.Contains("TRUE") ? "TRUE" : $"({string.Join(" OR ", parts)})";
        if (user.PartnerId is { } own && sql != "FALSE")
        {
            sql = $"({sql} AND {col("partner_id")} = @{p}_own_partner)";
            parameters[$"{p}_own_partner"] = own;
        }
        return new SqlPredicate(sql, parameters);
    }
}
