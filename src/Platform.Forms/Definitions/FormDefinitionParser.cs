using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Core.Expressions;
using Platform.Forms.Fields;

namespace Platform.Forms.Definitions;

/// <summary>Parses definition JSON once into the typed model and checks it as a whole, listing every problem.</summary>
public sealed partial class FormDefinitionParser(FieldTypeRegistry types, IExpressionSandbox sandbox)
{
    /// <summary>Keys of fields, forms and apps: lower-case letters, digits and underscores, starting with a letter.</summary>
    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    public FormDefinition Parse(string json)
    {
        FormDefinition? definition;
        try { definition = JsonSerializer.Deserialize<FormDefinition>(json, FormJson.Options); }
        catch (JsonException e) { throw new DefinitionException([$"Not a valid form definition document: {e.Message}"]); }
        if (definition is null) throw new DefinitionException(["The definition is empty."]);
        Check(definition);
        return definition;
    }

    /// <summary>Reads a definition the platform stored itself (already checked when saved).</summary>
    internal FormDefinition ParseStored(string json) =>
        JsonSerializer.Deserialize<FormDefinition>(json, FormJson.Options) ?? throw new DefinitionException(["Stored definition is empty."]);

    public string Serialize(FormDefinition definition) => JsonSerializer.Serialize(definition, FormJson.Options);

    /// <summary>Throws <see cref="DefinitionException"/> with every problem in the definition.</summary>
    public void Check(FormDefinition form)
    {
        var errors = new List<string>();
        if (!IsValidKey(form.App)) errors.Add($"App key '{form.App}' must match {KeyPattern()}.");
        if (!IsValidKey(form.Key)) errors.Add($"Form key '{form.Key}' must match {KeyPattern()}.");
        if (form.Fields.Count == 0) errors.Add("A form needs at least one field.");
        CheckFields(form.Fields, form, errors, "");
        var keys = form.Fields.Select(f => f.Key).ToHashSet();
        if (form.TitleField is { } title && !keys.Contains(title)) errors.Add($"titleField '{title}' is not a field of the form.");
        if (form.PartnerField is { } pf && form.Field(pf) is not { Type: "partner", Multiple: false })
            errors.Add($"partnerField '{pf}' must name a single partner field.");
        foreach (var section in form.Layout?.Sections ?? [])
            foreach (var key in section.Fields.Where(k => !keys.Contains(k)))
                errors.Add($"Layout section '{section.Title?.En}' names unknown field '{key}'.");
        foreach (var rule in form.Rules ?? [])
        {
            if (sandbox.CheckSyntax(rule.When) is { } syntax) errors.Add($"Rule '{rule.When}': {syntax.Message}");
            foreach (var key in rule.Fields.Where(k => !keys.Contains(k))) errors.Add($"Rule '{rule.When}' names unknown field '{key}'.");
        }
        foreach (var grant in form.Permissions ?? [])
            foreach (var key in (grant.Fields ?? new Dictionary<string, FieldAccess>()).Keys.Where(k => !keys.Contains(k)))
                errors.Add($"Permissions of role '{grant.Role}' name unknown field '{key}'.");
        if (errors.Count > 0) throw new DefinitionException(errors);
    }

    private void CheckFields(IReadOnlyList<FieldDefinition> fields, FormDefinition form, List<string> errors, string prefix)
    {
        foreach (var dup in fields.GroupBy(f => f.Key).Where(g => g.Count() > 1))
            errors.Add($"Field key '{prefix}{dup.Key}' is used more than once.");
        foreach (var field in fields)
        {
            if (!IsValidKey(field.Key)) errors.Add($"Field key '{prefix}{field.Key}' must match {KeyPattern()}.");
            if (!types.TryGet(field.Type, out var type))
            {
                errors.Add($"Field '{prefix}{field.Key}' has unknown type '{field.Type}'. Known types: {string.Join(", ", types.Names.Order())}.");
                continue;
            }
            errors.AddRange(type.CheckDefinition(field, form));
            if ((field.Unique || field.Indexed) && type.SqlKind(field) == SqlValueKind.None)
                errors.Add($"Field '{prefix}{field.Key}' of type '{field.Type}' cannot be indexed or unique.");
            foreach (var expression in new[] { field.Expression, field.DefaultExpression }.OfType<string>())
                if (sandbox.CheckSyntax(expression) is { } syntax) errors.Add($"Field '{prefix}{field.Key}': {syntax.Message}");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,47}$")]
    private static partial Regex KeyPattern();
}
