using System.Collections.Frozen;
using System.Runtime.CompilerServices;
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
    private readonly ConditionalWeakTable<FormDefinition, NormalizationPlan> _plans = new();

    public (JsonObject Data, IReadOnlyList<FieldError> Errors) Normalize(
        FormDefinition form, JsonObject? existing, JsonObject input, bool partial, RecordAccess access, FieldContext context)
    {
        var plan = _plans.GetValue(form, f => new NormalizationPlan(f, types));
        var errors = new List<FieldError>();
        foreach (var (key, _) in input)
            if (!plan.Keys.Contains(key)) errors.Add(FieldErrors.Unknown(key));

        var values = new KeyValuePair<string, JsonNode?>[plan.Fields.Length];
        var count = 0;
        foreach (var (field, type) in plan.Fields)
        {
            var old = existing?[field.Key]?.DeepClone();
            if (type.IsComputed) { values[count++] = new(field.Key, old); continue; }
            if (!input.TryGetPropertyValue(field.Key, out var raw))
            {
                values[count++] = new(field.Key, existing is null ? Default(field, type, context, errors) : partial || access.For(field.Key) != FieldAccess.Editable ? old : null);
                continue;
            }
            // Field types build new nodes from their input; one that hands back (part of) the input gets a copy,
            // so the caller's document is never re-parented.
            var converted = type.Normalize(field, raw, context);
            if (!converted.Ok) { errors.AddRange(converted.Errors); continue; }
            var value = converted.Value is { Parent: not null } attached ? attached.DeepClone() : converted.Value;
            if (access.For(field.Key) != FieldAccess.Editable && !JsonNode.DeepEquals(value, old))
            {
                errors.Add(FieldErrors.ReadOnly(field.Key, field.Label.En, field.Label.Zh));
                continue;
            }
            values[count++] = new(field.Key, value);
        }
        var data = new JsonObject(count == values.Length ? values : values[..count]);
        CarryRetired(form, existing, data);
        foreach (var (table, formulas) in plan.LineFormulas) ComputeLineFormulas(table, formulas, data, errors);
        ComputeFormulas(plan.Formulas, data, errors);
        ApplyRules(form, plan, data, errors);
        return (data, errors);
    }

    /// <summary>What a form's normalisation needs resolved once rather than per record: field types, key set, formula order.</summary>
    private sealed class NormalizationPlan
    {
        public NormalizationPlan(FormDefinition form, FieldTypeRegistry types)
        {
            Fields = [.. form.Fields.Select(f => (f, types.Get(f.Type)))];
            Keys = form.Fields.Select(f => f.Key).ToFrozenSet(StringComparer.Ordinal);
            Formulas = DependencyOrder(form.Fields.Where(f => f.Type == "formula" && f.Expression is not null).ToList());
            LineFormulas = [.. form.Fields.Where(f => f.Type == "subtable")
                .Select(t => (t, DependencyOrder((t.Fields ?? []).Where(f => f.Type == "formula" && f.Expression is not null).ToList())))
                .Where(t => t.Item2.Count > 0)];
            Computed = form.Fields.Where(f => types.Get(f.Type).IsComputed).Select(f => f.Key).ToFrozenSet(StringComparer.Ordinal);
        }

        public (FieldDefinition Field, IFieldType Type)[] Fields { get; }
        public FrozenSet<string> Keys { get; }
        public IReadOnlyList<FieldDefinition> Formulas { get; }
        public (FieldDefinition Table, IReadOnlyList<FieldDefinition> Formulas)[] LineFormulas { get; }
        public FrozenSet<string> Computed { get; }
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

    private void ComputeFormulas(IReadOnlyList<FieldDefinition> formulas, JsonObject data, List<FieldError> errors)
    {
        foreach (var field in formulas)
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

    private void ComputeLineFormulas(FieldDefinition table, IReadOnlyList<FieldDefinition> formulas, JsonObject data, List<FieldError> errors)
    {
        if (data[table.Key] is not JsonArray rows) return;
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

    private void ApplyRules(FormDefinition form, NormalizationPlan plan, JsonObject data, List<FieldError> errors)
    {
        var outcome = rules.Evaluate(form, data);
        errors.AddRange(outcome.Problems);
        errors.AddRange(outcome.Violations);
        foreach (var key in outcome.Required)
        {
            if (outcome.Hidden.Contains(key) || plan.Computed.Contains(key) || errors.Exists(e => e.Field == key)) continue;
            var field = form.Field(key)!;
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
