using System.Text.RegularExpressions;
using Cronos;
using Platform.Core.Expressions;

namespace Platform.Workflow.Definitions;

/// <summary>Checks a parsed model before publishing: structure, reachability, approvers, expressions and field references.</summary>
internal sealed partial class WorkflowValidator(IExpressionSandbox sandbox, IWorkflowFormCatalog catalog)
{
    internal static readonly HashSet<string> KnownNames =
    [
        "true", "false", "null", "undefined", "typeof", "instanceof", "new", "in", "var", "let", "const", "return", "if", "else",
        "function", "for", "while", "of", "this", "void", "delete", "try", "catch", "throw", "switch", "case", "break", "continue", "do", "default", "NaN", "Infinity", "RegExp", "Error", "Math", "Number", "String", "Date", "JSON", "Array", "Object", "Boolean", "parseInt", "parseFloat", "isNaN",
        "SUM", "SUMBY", "ROUND", "IF", "COUNT", "AVG", "MIN", "MAX", "ISEMPTY", "CONCAT", "DAYS", "TODAY", "NOW",
        "record", "vars", "now", "today", "outcome", "approved", "instance", "trigger", "before", "changed", "body",
    ];

    public async Task<IReadOnlyList<DefinitionError>> ValidateAsync(WorkflowModel model, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var starts = model.StartEvents.ToList();
        if (starts.Count == 0) errors.Add(new(null, "The process has no start event.", "流程没有开始事件。"));
        if (!model.Nodes.Values.Any(n => n.Kind == NodeKind.EndEvent)) errors.Add(new(null, "The process has no end event.", "流程没有结束事件。"));

        foreach (var node in model.Nodes.Values)
            CheckNode(model, node, errors);
        CheckReachability(model, errors);
        await CheckExpressionsAsync(model, errors, ct);
        return errors;
    }

    private static void CheckNode(WorkflowModel model, FlowNode node, List<DefinitionError> errors)
    {
        var label = node.Label;
        if (node.Kind != NodeKind.EndEvent && node.Outgoing.Count == 0)
            errors.Add(new(node.Id, $"'{label}' has no outgoing flow.", $"'{label}' 没有后续连线。"));
        switch (node.Kind)
        {
            case NodeKind.StartEvent:
                if (node.Trigger is { IsRecordEvent: true, FormKey: null } or { Kind: TriggerKind.DateField, FormKey: null })
                    errors.Add(new(node.Id, "A record trigger needs lc:form=\"app/form\".", "记录触发需要 lc:form=\"应用/表单\"。"));
                if (node.Trigger is { Kind: TriggerKind.DateField, DateField: null })
                    errors.Add(new(node.Id, "A date-field schedule needs lc:dateField.", "日期字段计划需要 lc:dateField。"));
                if (node.Trigger is { Kind: TriggerKind.Schedule or TriggerKind.DateField } t && t.Cron is not null && !IsCron(t.Cron))
                    errors.Add(new(node.Id, $"Bad cron expression '{t.Cron}'.", $"cron 表达式 '{t.Cron}' 不合法。"));
                if (node.Trigger is { Kind: TriggerKind.Schedule, Cron: null })
                    errors.Add(new(node.Id, "A schedule trigger needs a cron expression (lc:cron or timeCycle).", "计划触发需要 cron 表达式。"));
                if (node.Incoming.Count > 0) errors.Add(new(node.Id, "A start event cannot have incoming flows.", "开始事件不能有输入连线。"));
                break;
            case NodeKind.UserTask when node.Task is { Approvers.Count: 0 }:
                errors.Add(new(node.Id, $"User task '{label}' has no approvers (lc:approvers).", $"审批节点 '{label}' 没有设置审批人（lc:approvers）。"));
                break;
            case NodeKind.ExclusiveGateway when node.Outgoing.Count > 1:
                if (node.DefaultFlow is null)
                    errors.Add(new(node.Id, $"Exclusive gateway '{label}' has no default path.", $"排他网关 '{label}' 没有默认路径。"));
                else if (!node.Outgoing.Contains(node.DefaultFlow))
                    errors.Add(new(node.Id, $"Default flow '{node.DefaultFlow}' does not leave '{label}'.", $"默认路径 '{node.DefaultFlow}' 不是 '{label}' 的输出连线。"));
                foreach (var flow in model.Outgoing(node).Where(f => f.Id != node.DefaultFlow && f.Condition is null && f.Rule is null))
                    errors.Add(new(flow.Id, $"Flow '{flow.Id}' out of gateway '{label}' has no condition.", $"网关 '{label}' 的连线 '{flow.Id}' 没有条件。"));
                break;
            case NodeKind.IntermediateCatchEvent or NodeKind.BoundaryEvent when node.Timer is null && node.WaitCondition is null && !node.CatchesErrors:
                errors.Add(new(node.Id, $"'{label}' has no valid timer.", $"'{label}' 没有合法的定时器。"));
                break;
            case NodeKind.ScriptTask when string.IsNullOrWhiteSpace(node.Script):
                errors.Add(new(node.Id, $"Script task '{label}' has no script.", $"脚本任务 '{label}' 没有脚本。"));
                break;
        }
        if (node.Kind == NodeKind.BoundaryEvent)
        {
            if (node.AttachedTo is null || !model.Nodes.TryGetValue(node.AttachedTo, out var host)
                || host.Kind is not (NodeKind.UserTask or NodeKind.IntermediateCatchEvent or NodeKind.ServiceTask) && !(node.CatchesErrors && host.Kind == NodeKind.ScriptTask))
                errors.Add(new(node.Id, "A boundary event must be attached to a task or a wait.", "边界事件必须附着在任务或等待节点上。"));
            if (node.Incoming.Count > 0) errors.Add(new(node.Id, "A boundary event cannot have incoming flows.", "边界事件不能有输入连线。"));
            if (node.CatchesErrors && model.Nodes.TryGetValue(node.AttachedTo ?? "", out var failing) && failing.Kind is not (NodeKind.ServiceTask or NodeKind.UserTask or NodeKind.ScriptTask))
                errors.Add(new(node.Id, "An error boundary event must be attached to a service, script or user task.", "错误边界事件必须附着在服务任务、脚本任务或用户任务上。"));
            if (!node.CancelActivity && node.BoundaryOutcome is not null)
                errors.Add(new(node.Id, "Auto-approve/reject needs an interrupting boundary timer.", "自动通过/驳回需要中断型边界定时器。"));
        }
    }

    private static void CheckReachability(WorkflowModel model, List<DefinitionError> errors)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>(model.StartEvents.Select(s => s.Id));
        while (queue.TryDequeue(out var id))
        {
            if (!seen.Add(id)) continue;
            var node = model.Nodes[id];
            foreach (var f in node.Outgoing) queue.Enqueue(model.Flows[f].Target);
            foreach (var b in model.BoundariesOf(id)) queue.Enqueue(b.Id);
        }
        foreach (var node in model.Nodes.Values.Where(n => !seen.Contains(n.Id)))
            errors.Add(new(node.Id, $"'{node.Label}' cannot be reached from a start event.", $"'{node.Label}' 从开始事件无法到达。"));
    }

    private async Task CheckExpressionsAsync(WorkflowModel model, List<DefinitionError> errors, CancellationToken ct)
    {
        var expressions = Expressions(model).ToList();
        foreach (var (id, expr) in expressions)
        {
            if (sandbox.CheckSyntax(expr) is { } syntax)
                errors.Add(new(id, syntax.Message, syntax.MessageZh));
        }
        var form = model.StartEvents.Select(s => s.Trigger).FirstOrDefault(t => t?.FormKey is not null);
        await CheckWrittenFieldsAsync(model, form, errors, ct);
        if (form is null || model.Nodes.Values.Any(n => n.Kind == NodeKind.ScriptTask)) return;
        var fields = await catalog.GetFieldKeysAsync(form.AppKey!, form.FormKey!, ct);
        if (fields is null) return;
        var declared = DeclaredVariables(model);
        foreach (var (id, expr) in expressions)
        {
            foreach (var name in Identifiers(expr).Where(n => !fields.Contains(n) && !declared.Contains(n) && !KnownNames.Contains(n)))
                errors.Add(new(id, $"'{name}' in `{expr}` is not a field of {form.AppKey}/{form.FormKey}.", $"`{expr}` 中的 '{name}' 不是表单 {form.AppKey}/{form.FormKey} 的字段。"));
        }
        foreach (var flow in model.Flows.Values.Where(f => f.Rule is not null && !fields.Contains(f.Rule.Field) && !declared.Contains(f.Rule.Field)))
            errors.Add(new(flow.Id, $"Rule field '{flow.Rule!.Field}' is not a field of {form.AppKey}/{form.FormKey}.", $"条件字段 '{flow.Rule!.Field}' 不是表单字段。"));
    }

    /// <summary>Fields a createRecord or updateRecord step writes must exist on the form it writes to.</summary>
    private async Task CheckWrittenFieldsAsync(WorkflowModel model, StartTrigger? trigger, List<DefinitionError> errors, CancellationToken ct)
    {
        foreach (var node in model.Nodes.Values)
        {
            var (app, formKey, set) = node.Action switch
            {
                CreateRecordAction c => (c.AppKey, c.FormKey, c.Set),
                UpdateRecordAction { TargetField: null, TargetVariable: null } u when trigger is not null => (trigger.AppKey, trigger.FormKey, u.Set),
                _ => (null, null, (IReadOnlyList<FieldAssignment>)[]),
            };
            if (app is null || formKey is null || set.Count == 0) continue;
            if (await catalog.GetFieldKeysAsync(app, formKey, ct) is not { } fields) continue;
            foreach (var field in set.Select(a => a.Field).Where(f => !fields.Contains(f)))
                errors.Add(new(node.Id, $"'{field}' is not a field of {app}/{formKey}, so the step cannot write it.",
                    $"'{field}' 不是表单 {app}/{formKey} 的字段，此步骤无法写入。"));
        }
    }

    private static IEnumerable<(string Id, string Expression)> Expressions(WorkflowModel model)
    {
        foreach (var flow in model.Flows.Values.Where(f => f.Condition is not null)) yield return (flow.Id, flow.Condition!);
        foreach (var node in model.Nodes.Values)
        {
            if (node.Trigger?.Condition is { } c) yield return (node.Id, c);
            if (node.WaitCondition is { } w) yield return (node.Id, w);
            if (node.Timer?.Expression is { } t) yield return (node.Id, t);
            foreach (var rule in node.Task?.Approvers.Where(a => a.Kind == ApproverKind.Expression) ?? []) yield return (node.Id, rule.Value!);
            var sets = node.Action switch
            {
                UpdateRecordAction u => u.Set,
                CreateRecordAction cr => cr.Set,
                CreatePartnerOrgAction po => po.Set,
                _ => [],
            };
            foreach (var s in sets) yield return (node.Id, s.Expression);
        }
    }

    private static HashSet<string> DeclaredVariables(WorkflowModel model)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in model.Nodes.Values)
        {
            names.Add(node.Id + "_outcome");
            if (node.Action is CreateRecordAction { ResultVariable: { } r }) names.Add(r);
            if (node.Action is CreatePartnerOrgAction po) names.Add(po.ResultVariable ?? node.Id + "_partner");
            if (node.Action is HttpAction h) foreach (var m in h.Map) names.Add(m.Variable);
        }
        return names;
    }

    internal static IEnumerable<string> Identifiers(string expression)
    {
        var withoutStrings = StringLiteral().Replace(expression, "''");
        return Identifier().Matches(withoutStrings).Select(m => m.Groups[1].Value).Distinct();
    }

    private static bool IsCron(string text)
    {
        try
        {
            CronExpression.Parse(text, text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return true;
        }
        catch (CronFormatException)
        {
            return false;
        }
    }

    [GeneratedRegex("""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<![\w$.])([A-Za-z_$][\w$]*)(?![\w$]|\s*:)")]
    private static partial Regex Identifier();
}
