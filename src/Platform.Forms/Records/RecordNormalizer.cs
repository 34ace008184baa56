using System.Text.Json.Nodes;
using Platform.Core.Expressions;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Forms.Permissions;

namespace Platform.Forms.Records;

/// <summary>
/// Turns input into stored data: converts every field by its type, keeps values the caller may not touch,
/// fills defaults, computes formulas, applies show/hide/require/validate rules, and collects every error.
/// Values of retired fields are carried over untouched so publishing never loses data.
/// </summary>
internal sealed class RecordNormalizer(FieldTypeRegistry types, IExpressionSandbox sandbox, FormRules rules)
{
    public (JsonObject Data, IReadOnlyList<FieldError> Errors) Normalize(
        FormDefinition form, JsonObject? existing, JsonObject input, bool partial, RecordAccess access, FieldContext context)
    {
        var errors = new List<FieldError>();
        var data = new JsonObject();
        foreach (var key in input.Select(p => p.Key).Where(k => form.Field(k) is null)) errors.Add(FieldErrors.Unknown(key));

        foreach (var field in form.Fields)
        {
            var type = types.Get(field.Type);
            var old = existing?[field.Key]?.DeepClone();
            if (type.IsComputed) { data[field.Key] = old; continue; }
            var given = input.TryGetPropertyValue(field.Key, out var raw);
            if (!given || (partial && !given))
            {
                data[field.Key] = existing is null ? Default(field, type, context, errors) : partial || access.For(field.Key) != FieldAccess.Editable ? old : null;
                continue;
            }
            var converted = type.Normalize(field, raw?.DeepClone(), context);
            if (!converted.Ok) { errors.AddRange(converted.Errors); continue; }
            if (access.For(field.Key) != FieldAccess.Editable && !JsonNode.DeepEquals(converted.Value, old))
            {
                errors.Add(FieldErrors.ReadOnly(field.Key, field.Label.En, field.Label.Zh));
                continue;
            }
            data[field.Key] = converted.Value;
        }
        CarryRetired(form, existing, data);
        foreach (var sub in form.Fields.Where(f => f.Type == "subtable")) ComputeLineFormulas(sub, data, errors);
        ComputeFormulas(form, data, errors);
        ApplyRules(form, data, errors);
        return (data, errors);
    }

    private static void CarryRetired(FormDefinition form, JsonObject? existing, JsonObject data)
    {
        if (existing is null) return;
        foreach (var (key, value) in existing)
            if (form.Field(key) is null) data[key] = value?.DeepClone();
    }

    private JsonNode? Default(FieldDefinition field, IFieldType type, FieldContext context, List<FieldError> errors)
    {
        JsonNode? candidate = field.Default?.DeepClone();
        if (field.DefaultExpression is { } expression)
        {
            try { candidate = sandbox.Evaluate(expression, Variables(new JsonObject(), context)); }
            catch (ExpressionException e) { errors.Add(new FieldError(field.Key, "default", e.Message, e.MessageZh)); return null; }
        }
        if (candidate is null) return null;
        var converted = type.Normalize(field, candidate, context);
        if (!converted.Ok) errors.AddRange(converted.Errors);
        return converted.Value;
    }

    private void ComputeFormulas(FormDefinition form, JsonObject data, List<FieldError> errors)
    {
        foreach (var field in DependencyOrder(form.Fields.Where(f => f.Type == "formula" && f.Expression is not null).ToList()))
        {
            try { data[field.Key] = FormulaFieldType.Shape(field, sandbox.Evaluate(field.Expression!, Variables(data, null))); }
            catch (ExpressionException e) { errors.Add(new FieldError(field.Key, "formula", e.Message, e.MessageZh)); }
        }
    }

    /// <summary>Formulas that other formulas mention come first, so a total over a subtotal sees the fresh subtotal.</summary>
    internal static IReadOnlyList<FieldDefinition> DependencyOrder(IReadOnlyList<FieldDefinition> formulas)
    {
        var ordered = new List<FieldDefinition>();
        var visiting = new HashSet<string>();
        void Visit(FieldDefinition f)
        {
            if (ordered.Contains(f) || !visiting.Add(f.Key)) return;
            foreach (var dep in formulas.Where(o => o != f && System.Text.RegularExpressions.Regex.IsMatch(f.Expression!, $@"\b{o.Key}\b")))
                Visit(dep);
            ordered.Add(f);
        }
        foreach (var f in formulas) Visit(f);
        return ordered;
    }

    private void ComputeLineFormulas(FieldDefinition table, JsonObject data, List<FieldError> errors)
    {
        var formulas = DependencyOrder((table.Fields ?? []).Where(f => f.Type == "formula" && f.Expression is not null).ToList());
        if (formulas.Count == 0 || data[table.Key] is not JsonArray rows) return;
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not JsonObject line) continue;
            foreach (var formula in formulas)
            {
                try { line[formula.Key] = FormulaFieldType.Shape(formula, sandbox.Evaluate(formula.Expression!, Variables(line, null))); }
                catch (ExpressionException e) { errors.Add(new FieldError($"{table.Key}[{i}].{formula.Key}", "formula", e.Message, e.MessageZh)); }
            }
        }
    }

    private void ApplyRules(FormDefinition form, JsonObject data, List<FieldError> errors)
    {
        var outcome = rules.Evaluate(form, data);
        errors.AddRange(outcome.Problems);
        errors.AddRange(outcome.Violations);
        foreach (var key in outcome.Required.Where(k => !outcome.Hidden.Contains(k) && errors.All(e => e.Field != k)))
        {
            var field = form.Field(key)!;
            if (types.Get(field.Type).IsComputed) continue;
            if (types.Get(field.Type).IsEmpty(data[key])) errors.Add(FieldErrors.Required(key, field.Label.En, field.Label.Zh));
        }
    }

    private static Dictionary<string, JsonNode?> Variables(JsonObject data, FieldContext? context)
    {
        var variables = data.ToDictionary(p => p.Key, p => p.Value?.DeepClone());
        if (context is not null) variables["_user"] = context.User.UserId.ToString();
        return variables;
    }
}
