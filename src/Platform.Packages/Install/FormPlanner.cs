using System.Security.Cryptography;
using System.Text;
using Platform.Forms.Definitions;
using Platform.Packages.Format;

namespace Platform.Packages.Install;

/// <summary>A package's form, ready to install: the parsed definition (app key and role grants applied) and its file.</summary>
public sealed record PlannedForm(string File, FormDefinition Definition, string Hash);

/// <summary>Turns a package's form files into checked definitions in dependency order (relation targets first).</summary>
public sealed class FormPlanner(FormDefinitionParser parser)
{
    public IReadOnlyList<PlannedForm> Plan(AppPackage package, IReadOnlyList<PackageRole> roles, List<PackageError> errors)
    {
        var planned = new List<PlannedForm>();
        foreach (var file in package.Forms)
        {
            var node = file.Content.DeepClone();
            node["app"] = package.Manifest.Id;
            FormDefinition parsed;
            try { parsed = parser.Parse(node.ToJsonString()); }
            catch (DefinitionException e)
            {
                errors.AddRange(e.Errors.Select(m => new PackageError(file.Path, m)));
                continue;
            }
            var expected = Path.GetFileNameWithoutExtension(file.Path);
            if (parsed.Key != expected)
                errors.Add(new PackageError(file.Path, $"form key '{parsed.Key}' must match the file name '{expected}.json'"));
            var definition = WithRoleGrants(parsed, roles);
            try { parser.Check(definition); }
            catch (DefinitionException e) { errors.AddRange(e.Errors.Select(m => new PackageError("roles.json", $"form '{parsed.Key}': {m}"))); continue; }
            planned.Add(new PlannedForm(file.Path, definition, Hash(definition)));
        }
        foreach (var dup in planned.GroupBy(p => p.Definition.Key).Where(g => g.Count() > 1))
            errors.Add(new PackageError(dup.Last().File, $"form key '{dup.Key}' is used by more than one file"));
        foreach (var role in roles)
            foreach (var form in role.Forms.Keys.Concat(role.Fields.Keys).Where(f => f != "*" && planned.All(p => p.Definition.Key != f)).Distinct())
                errors.Add(new PackageError("roles.json", $"role '{role.Key}' names form '{form}', which the package does not contain"));
        return Order(planned, package.Manifest.Id, errors);
    }

    /// <summary>The hash of a definition as the platform stores it, without its version bookkeeping.</summary>
    public string Hash(FormDefinition definition)
    {
        var canonical = parser.Serialize(definition with { Version = 0, Retired = null });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static FormDefinition WithRoleGrants(FormDefinition form, IReadOnlyList<PackageRole> roles)
    {
        var grants = roles.Select(r => r.GrantFor(form.Key)).OfType<RoleGrant>().ToList();
        if (grants.Count == 0) return form;
        var own = (form.Permissions ?? []).Where(p => grants.All(g => g.Role != p.Role));
        return form with { Permissions = [.. own, .. grants] };
    }

    private static List<PlannedForm> Order(List<PlannedForm> forms, string app, List<PackageError> errors)
    {
        var byKey = forms.GroupBy(f => f.Definition.Key).ToDictionary(g => g.Key, g => g.First());
        var ordered = new List<PlannedForm>();
        var state = new Dictionary<string, bool>(); // false: visiting, true: done
        void Visit(PlannedForm form)
        {
            if (state.TryGetValue(form.Definition.Key, out var done)) { if (done) return; return; } // a cycle: relations may point back
            state[form.Definition.Key] = false;
            foreach (var target in Targets(form.Definition, app))
                if (byKey.TryGetValue(target, out var dependency)) Visit(dependency);
            state[form.Definition.Key] = true;
            ordered.Add(form);
        }
        foreach (var form in byKey.Values.OrderBy(f => f.Definition.Key, StringComparer.Ordinal)) Visit(form);
        foreach (var form in forms)
            foreach (var target in Targets(form.Definition, app).Where(t => !byKey.ContainsKey(t)))
                errors.Add(new PackageError(form.File, $"relation to form '{target}', which the package does not contain"));
        return ordered;
    }

    private static IEnumerable<string> Targets(FormDefinition form, string app) =>
        form.Fields.Concat(form.Fields.SelectMany(f => f.Fields ?? []))
            .Where(f => f.Type == "relation" && f.Relation is { } r && (r.App is null || r.App == app))
            .Select(f => f.Relation!.Form)
            .Where(t => t != form.Key)
            .Distinct();
}
