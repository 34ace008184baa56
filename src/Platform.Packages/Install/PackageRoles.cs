using System.Text.Json.Nodes;
using Platform.Forms.Definitions;
using Platform.Packages.Format;

namespace Platform.Packages.Install;

/// <summary>One role of <c>roles.json</c>: its grants per form key ("*" = every form) and field access per form.</summary>
public sealed record PackageRole(
    string Key, string DisplayName, bool Partner,
    IReadOnlyDictionary<string, (IReadOnlyList<FormAction> Actions, DataScope Scope)> Forms,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, FieldAccess>> Fields)
{
    /// <summary>The grant this role gets on a form, or null when roles.json gives it none.</summary>
    public RoleGrant? GrantFor(string form)
    {
        if (!Forms.TryGetValue(form, out var grant) && !Forms.TryGetValue("*", out grant)) return null;
        return new RoleGrant
        {
            Role = Key, Actions = grant.Actions, Scope = grant.Scope,
            Fields = Fields.TryGetValue(form, out var fields) ? fields : null,
        };
    }
}

internal static class PackageRolesReader
{
    private const string File = "roles.json";

    public static IReadOnlyList<PackageRole> Read(JsonNode? roles, List<PackageError> errors)
    {
        if (roles is null) return [];
        if (roles is not JsonArray array) { errors.Add(new PackageError(File, "must be an array of roles")); return []; }
        var result = new List<PackageRole>();
        foreach (var (node, index) in array.Select((n, i) => (n, i)))
        {
            var where = $"role #{index + 1}";
            if (node is not JsonObject role || role["key"]?.GetValue<string>() is not { } key || !FormDefinitionParser.IsValidKey(key))
            {
                errors.Add(new PackageError(File, $"{where}: needs a key of lowercase letters, digits and underscores"));
                continue;
            }
            where = $"role '{key}'";
            var name = role["name"] switch
            {
                JsonObject o => o["zh"]?.GetValue<string>() ?? o["en"]?.GetValue<string>() ?? key,
                JsonValue v => v.GetValue<string>(),
                _ => key,
            };
            var forms = new Dictionary<string, (IReadOnlyList<FormAction>, DataScope)>();
            foreach (var (form, grantNode) in role["forms"] as JsonObject ?? [])
            {
                var actions = new List<FormAction>();
                foreach (var a in grantNode?["actions"] as JsonArray ?? [])
                    if (Enum.TryParse<FormAction>(a?.GetValue<string>(), ignoreCase: true, out var action)) actions.Add(action);
                    else errors.Add(new PackageError(File, $"{where}, form '{form}': unknown action '{a}' (create, read, update, delete, export, import)"));
                var scopeText = grantNode?["scope"]?.GetValue<string>() ?? "own";
                if (!Enum.TryParse<DataScope>(scopeText, ignoreCase: true, out var scope))
                    errors.Add(new PackageError(File, $"{where}, form '{form}': unknown scope '{scopeText}' (own, department, departmentTree, partner, all)"));
                forms[form] = (actions, scope);
            }
            var fields = new Dictionary<string, IReadOnlyDictionary<string, FieldAccess>>();
            foreach (var (form, fieldNode) in role["fields"] as JsonObject ?? [])
            {
                var access = new Dictionary<string, FieldAccess>();
                foreach (var (field, value) in fieldNode as JsonObject ?? [])
                    if (Enum.TryParse<FieldAccess>(value?.GetValue<string>(), ignoreCase: true, out var a)) access[field] = a;
                    else errors.Add(new PackageError(File, $"{where}, field '{form}.{field}': unknown access '{value}' (hidden, readOnly, editable)"));
                fields[form] = access;
            }
            result.Add(new PackageRole(key, name, role["partner"]?.GetValue<bool>() ?? false, forms, fields));
        }
        foreach (var dup in result.GroupBy(r => r.Key).Where(g => g.Count() > 1))
            errors.Add(new PackageError(File, $"role '{dup.Key}' is defined more than once"));
        return result;
    }
}
