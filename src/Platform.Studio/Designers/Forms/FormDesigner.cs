using System.Text.Json.Nodes;
using Platform.Core.Expressions;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;

namespace Platform.Studio.Designers.Forms;

/// <summary>What the designer opened: the working copy, the published version it builds on, and the version list.</summary>
public sealed record FormDesignerSession(FormDesign Design, FormDefinition? Published, IReadOnlyList<FormVersionInfo> Versions);

/// <summary>Outcome of save, publish and rollback: the issues that stopped it (empty on success) and the published version.</summary>
public sealed record DesignerOutcome(IReadOnlyList<DesignIssue> Issues, int? PublishedVersion = null)
{
    public bool Succeeded => Issues.Count == 0;
}

/// <summary>Result of test-evaluating a formula with sample values: the shaped value or the error in both languages.</summary>
public sealed record FormulaTrial(string? Value, string? ErrorEn, string? ErrorZh);

/// <summary>The form designer's use of the form engine: drafts, checks, publish, versions, rollback and formula trials.</summary>
public sealed class FormDesigner(IFormDefinitions definitions, FormDesignChecks checks, IExpressionSandbox sandbox)
{
    public async Task<FormDesignerSession?> OpenAsync(string app, string form, CancellationToken ct)
    {
        var draft = await definitions.GetDraftAsync(app, form, ct);
        if (draft is null) return null;
        var published = await definitions.GetPublishedAsync(app, form, ct);
        var versions = await definitions.ListVersionsAsync(app, form, ct);
        return new FormDesignerSession(FormDesign.From(draft, published), published, versions);
    }

    public async Task<IReadOnlyList<FormSummary>> FormsAsync(string app, CancellationToken ct) => await definitions.ListFormsAsync(app, ct);

    public Task<FormDefinition?> VersionAsync(string app, string form, int version, CancellationToken ct) => definitions.GetVersionAsync(app, form, version, ct);

    public IReadOnlyList<DesignIssue> Check(FormDesign design) => checks.Check(design.ToDefinition());

    public async Task<DesignerOutcome> SaveDraftAsync(FormDesign design, UserContext user, CancellationToken ct)
    {
        var definition = design.ToDefinition();
        var issues = checks.Check(definition);
        if (issues.Count > 0) return new DesignerOutcome(issues);
        try
        {
            await definitions.SaveDraftAsync(definition, user, ct);
            return new DesignerOutcome([]);
        }
        catch (DefinitionException e) { return new DesignerOutcome(Engine(e)); }
    }

    /// <summary>Saves the draft and publishes it as the next version.</summary>
    public async Task<DesignerOutcome> PublishAsync(FormDesign design, UserContext user, CancellationToken ct)
    {
        var saved = await SaveDraftAsync(design, user, ct);
        if (!saved.Succeeded) return saved;
        try
        {
            var published = await definitions.PublishAsync(design.App, design.Key, user, ct);
            return new DesignerOutcome([], published.Version);
        }
        catch (DefinitionException e) { return new DesignerOutcome(Engine(e)); }
    }

    /// <summary>
    /// Rolls back by publishing an earlier version's definition as a new version: history is never rewritten, and
    /// the engine keeps the values of fields that version did not have (they retire, they are not deleted).
    /// </summary>
    public async Task<DesignerOutcome> RollbackAsync(string app, string form, int version, UserContext user, CancellationToken ct)
    {
        var earlier = await definitions.GetVersionAsync(app, form, version, ct);
        if (earlier is null) return new DesignerOutcome([new(null, $"Version {version} does not exist.", $"版本 {version} 不存在。")]);
        try
        {
            await definitions.SaveDraftAsync(earlier with { Version = 0, Retired = null }, user, ct);
            var published = await definitions.PublishAsync(app, form, user, ct);
            return new DesignerOutcome([], published.Version);
        }
        catch (DefinitionException e) { return new DesignerOutcome(Engine(e)); }
    }

    /// <summary>Runs a formula through the sandbox with sample values, shaped as the engine stores it.</summary>
    public FormulaTrial TryFormula(FieldDefinition formula, JsonObject sample, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(formula.Expression)) return new FormulaTrial(null, "Write the formula first.", "请先填写公式。");
        try
        {
            var variables = sample.ToDictionary(p => p.Key, p => p.Value?.DeepClone());
            var result = FormulaFieldType.Shape(formula, sandbox.Evaluate(formula.Expression, variables, ct));
            return new FormulaTrial(result?.ToJsonString() ?? "null", null, null);
        }
        catch (ExpressionException e) { return new FormulaTrial(null, e.Message, e.MessageZh); }
    }

    private static IReadOnlyList<DesignIssue> Engine(DefinitionException e) =>
        e.Errors.Select(m => new DesignIssue(null, m, "表单引擎拒绝了此定义：" + m)).ToList();
}
