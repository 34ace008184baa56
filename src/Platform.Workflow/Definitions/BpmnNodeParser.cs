using System.Xml.Linq;
using Platform.Workflow.Timers;

namespace Platform.Workflow.Definitions;

/// <summary>Turns one BPMN flow-node element into a <see cref="FlowNode"/>, reading our extension attributes.</summary>
internal static class BpmnNodeParser
{
    private static readonly XNamespace B = BpmnNames.Bpmn;
    private static readonly XNamespace Lc = BpmnNames.Lc;

    private static readonly Dictionary<string, HashSet<string>> AllowedChildren = new()
    {
        ["startEvent"] = ["timerEventDefinition"],
        ["endEvent"] = ["terminateEventDefinition", "errorEventDefinition"],
        ["intermediateCatchEvent"] = ["timerEventDefinition", "conditionalEventDefinition"],
        ["boundaryEvent"] = ["timerEventDefinition", "errorEventDefinition"],
        ["scriptTask"] = ["script"],
    };

    public static FlowNode? Parse(XElement e, string id, IReadOnlyDictionary<string, string> errorCodes, List<DefinitionError> errors)
    {
        var local = e.Name.LocalName;
        NodeKind? kind = local switch
        {
            "startEvent" => NodeKind.StartEvent,
            "endEvent" => NodeKind.EndEvent,
            "userTask" => NodeKind.UserTask,
            "serviceTask" or "task" or "sendTask" => NodeKind.ServiceTask,
            "scriptTask" => NodeKind.ScriptTask,
            "exclusiveGateway" => NodeKind.ExclusiveGateway,
            "parallelGateway" => NodeKind.ParallelGateway,
            "intermediateCatchEvent" => NodeKind.IntermediateCatchEvent,
            "boundaryEvent" => NodeKind.BoundaryEvent,
            _ => null,
        };
        if (kind is null)
        {
            errors.Add(BpmnParser.Unsupported(e));
            return null;
        }
        var allowed = AllowedChildren.GetValueOrDefault(local) ?? [];
        foreach (var child in e.Elements().Where(c => c.Name.Namespace == B && !allowed.Contains(c.Name.LocalName)
                     && c.Name.LocalName is not ("documentation" or "extensionElements" or "incoming" or "outgoing")))
            errors.Add(BpmnParser.Unsupported(child));

        var node = new FlowNode
        {
            Id = id,
            Kind = kind.Value,
            Name = (string?)e.Attribute("name"),
            DefaultFlow = (string?)e.Attribute("default"),
        };
        return kind.Value switch
        {
            NodeKind.StartEvent => node with { Trigger = ParseTrigger(e, id, errors) },
            NodeKind.EndEvent => ParseEnd(e, node, errorCodes),
            NodeKind.UserTask => node with { Task = ParseUserTask(e, id, errors) },
            NodeKind.ServiceTask => node with { Action = ActionParser.Parse(e, id, errors) },
            NodeKind.ScriptTask => node with { Script = e.Element(B + "script")?.Value.Trim() },
            NodeKind.IntermediateCatchEvent => ParseCatch(e, node, errors),
            NodeKind.BoundaryEvent => ParseBoundary(e, node, errorCodes, errors),
            _ => node,
        };
    }

    internal static string StripPlaceholder(string text)
    {
        var t = text.Trim();
        return t.StartsWith("${", StringComparison.Ordinal) && t.EndsWith('}') ? t[2..^1].Trim() : t;
    }

    private static StartTrigger? ParseTrigger(XElement e, string id, List<DefinitionError> errors)
    {
        var kindText = (string?)e.Attribute(Lc + "trigger");
        var timer = e.Element(B + "timerEventDefinition");
        var cron = (string?)e.Attribute(Lc + "cron") ?? timer?.Element(B + "timeCycle")?.Value.Trim();
        TriggerKind kind;
        if (kindText is null) kind = timer is not null ? TriggerKind.Schedule : TriggerKind.Manual;
        else if (!Enum.TryParse(kindText, ignoreCase: true, out kind))
        {
            errors.Add(new(id, $"Unknown trigger '{kindText}' (manual, recordCreated, recordUpdated, recordSaved, fieldChanged, schedule, dateField, webhook).",
                $"未知的触发方式 '{kindText}'。"));
            return null;
        }
        string? app = null, form = null;
        var formText = (string?)e.Attribute(Lc + "form");
        if (formText is not null)
        {
            var parts = formText.Split('/', 2);
            if (parts.Length == 2) (app, form) = (parts[0], parts[1]);
            else errors.Add(new(id, $"lc:form must be 'app/form', got '{formText}'.", $"lc:form 必须写成 '应用/表单'，实际为 '{formText}'。"));
        }
        var offset = TimeSpan.Zero;
        var offsetText = (string?)e.Attribute(Lc + "offset");
        if (offsetText is not null && !Iso8601.TryParseDuration(offsetText, out offset))
            errors.Add(new(id, $"Bad ISO 8601 offset '{offsetText}'.", $"偏移量 '{offsetText}' 不是合法的 ISO 8601 时长。"));
        return new StartTrigger
        {
            Kind = kind,
            AppKey = app,
            FormKey = form,
            Fields = SplitList((string?)e.Attribute(Lc + "fields")),
            Condition = (string?)e.Attribute(Lc + "condition"),
            Cron = cron,
            TimeZone = ParseTimeZone((string?)e.Attribute(Lc + "timeZone"), id, errors),
            DateField = (string?)e.Attribute(Lc + "dateField"),
            DateOffset = offset,
            Secret = (string?)e.Attribute(Lc + "secret"),
            RestartPerRecord = string.Equals((string?)e.Attribute(Lc + "restart"), "true", StringComparison.OrdinalIgnoreCase),
        };
    }

    private static FlowNode ParseEnd(XElement e, FlowNode node, IReadOnlyDictionary<string, string> errorCodes)
    {
        if (e.Element(B + "terminateEventDefinition") is not null) return node with { End = EndKind.Terminate };
        var error = e.Element(B + "errorEventDefinition");
        if (error is null) return node;
        var errorRef = (string?)error.Attribute("errorRef");
        return node with { End = EndKind.Error, ErrorCode = errorRef is null ? null : errorCodes.GetValueOrDefault(errorRef, errorRef) };
    }

    private static UserTaskSpec ParseUserTask(XElement e, string id, List<DefinitionError> errors)
    {
        var modeText = (string?)e.Attribute(Lc + "mode") ?? "any";
        if (!Enum.TryParse<ApprovalMode>(modeText, ignoreCase: true, out var mode))
            errors.Add(new(id, $"Unknown approval mode '{modeText}' (any, all, sequential).", $"未知的审批方式 '{modeText}'（any、all、sequential）。"));
        TimeSpan? due = null;
        var dueText = (string?)e.Attribute(Lc + "due");
        if (dueText is not null)
        {
            if (Iso8601.TryParseDuration(dueText, out var d)) due = d;
            else errors.Add(new(id, $"Bad due duration '{dueText}'.", $"处理时限 '{dueText}' 不是合法的 ISO 8601 时长。"));
        }
        var approvers = ApproverRules.Parse((string?)e.Attribute(Lc + "approvers"), id, errors).ToList();
        var expr = (string?)e.Attribute(Lc + "approverExpression");
        if (!string.IsNullOrWhiteSpace(expr)) approvers.Add(new ApproverRule(ApproverKind.Expression, expr));
        var access = new Dictionary<string, FieldAccess>();
        foreach (var item in SplitList((string?)e.Attribute(Lc + "fieldAccess")))
        {
            var parts = item.Split(':', 2);
            if (parts.Length == 2 && Enum.TryParse<FieldAccess>(parts[1], ignoreCase: true, out var a)) access[parts[0]] = a;
            else errors.Add(new(id, $"Bad field access '{item}' (field:editable|readonly|hidden).", $"字段权限 '{item}' 格式错误。"));
        }
        return new UserTaskSpec
        {
            Approvers = approvers,
            Mode = mode,
            CarbonCopy = ApproverRules.Parse((string?)e.Attribute(Lc + "cc"), id, errors),
            FieldAccess = access,
            Due = due,
            DueInBusinessTime = IsBusinessCalendar(e, "dueCalendar", id, errors),
            RejectEndsInstance = !string.Equals((string?)e.Attribute(Lc + "onReject"), "continue", StringComparison.OrdinalIgnoreCase),
        };
    }

    private static FlowNode ParseCatch(XElement e, FlowNode node, List<DefinitionError> errors)
    {
        var timer = e.Element(B + "timerEventDefinition");
        if (timer is not null) return node with { Timer = ParseTimer(timer, node.Id, errors) };
        var conditional = e.Element(B + "conditionalEventDefinition");
        if (conditional is not null)
        {
            var text = conditional.Element(B + "condition")?.Value;
            if (string.IsNullOrWhiteSpace(text)) errors.Add(new(node.Id, "Conditional event without a condition.", "条件事件缺少条件。"));
            var poll = TimeSpan.FromMinutes(1);
            var pollText = (string?)e.Attribute(Lc + "poll");
            if (pollText is not null && !Iso8601.TryParseDuration(pollText, out poll))
                errors.Add(new(node.Id, $"Bad poll interval '{pollText}'.", $"轮询间隔 '{pollText}' 不合法。"));
            return node with { WaitCondition = text is null ? null : StripPlaceholder(text), PollInterval = poll };
        }
        errors.Add(new(node.Id, "An intermediate catch event needs a timer or a condition.", "中间捕获事件必须是定时器或条件事件。"));
        return node;
    }

    private static FlowNode ParseBoundary(XElement e, FlowNode node, IReadOnlyDictionary<string, string> errorCodes, List<DefinitionError> errors)
    {
        if (e.Element(B + "errorEventDefinition") is { } error)
        {
            var errorRef = (string?)error.Attribute("errorRef");
            if (string.Equals((string?)e.Attribute("cancelActivity"), "false", StringComparison.OrdinalIgnoreCase))
                errors.Add(new(node.Id, "An error boundary event always interrupts its task (cancelActivity cannot be false).", "错误边界事件总是中断所附着的任务（cancelActivity 不能为 false）。"));
            return node with
            {
                AttachedTo = (string?)e.Attribute("attachedToRef"),
                CatchesErrors = true,
                ErrorCode = errorRef is null ? null : errorCodes.GetValueOrDefault(errorRef, errorRef),
            };
        }
        var timer = e.Element(B + "timerEventDefinition");
        if (timer is null) errors.Add(new(node.Id, "Only timer and error boundary events are supported.", "边界事件只支持定时器和错误事件。"));
        TaskOutcome? outcome = ((string?)e.Attribute(Lc + "outcome"))?.ToLowerInvariant() switch
        {
            "approve" => TaskOutcome.Approved,
            "reject" => TaskOutcome.Rejected,
            _ => null,
        };
        return node with
        {
            AttachedTo = (string?)e.Attribute("attachedToRef"),
            CancelActivity = !string.Equals((string?)e.Attribute("cancelActivity"), "false", StringComparison.OrdinalIgnoreCase),
            Timer = timer is null ? null : ParseTimer(timer, node.Id, errors),
            BoundaryOutcome = outcome,
        };
    }

    internal static TimerSpec? ParseTimer(XElement timer, string id, List<DefinitionError> errors)
    {
        var spec = ParseTimerSpec(timer, id, errors);
        if (spec is null || !IsBusinessCalendar(timer.Parent, "calendar", id, errors)) return spec;
        if (spec.Kind != TimerKind.Duration)
        {
            errors.Add(new(id, "lc:calendar=\"business\" applies to timer durations only.", "lc:calendar=\"business\" 只适用于定时器时长。"));
            return spec;
        }
        return spec with { Business = true };
    }

    private static string? ParseTimeZone(string? text, string id, List<DefinitionError> errors)
    {
        if (text is null) return null;
        if (TimeZoneInfo.TryFindSystemTimeZoneById(text.Trim(), out _)) return text.Trim();
        errors.Add(new(id, $"Unknown time zone '{text}' (use an IANA id such as Asia/Shanghai).", $"未知的时区 '{text}'（请使用 IANA 时区，如 Asia/Shanghai）。"));
        return null;
    }

    private static bool IsBusinessCalendar(XElement? e, string attribute, string id, List<DefinitionError> errors)
    {
        var text = (string?)e?.Attribute(Lc + attribute);
        if (text is null || text.Equals("natural", StringComparison.OrdinalIgnoreCase)) return false;
        if (text.Equals("business", StringComparison.OrdinalIgnoreCase)) return true;
        errors.Add(new(id, $"Unknown calendar '{text}' (business, natural).", $"未知的日历 '{text}'（business 工作日历、natural 自然日历）。"));
        return false;
    }

    private static TimerSpec? ParseTimerSpec(XElement timer, string id, List<DefinitionError> errors)
    {
        var offset = TimeSpan.Zero;
        var offsetText = (string?)timer.Parent?.Attribute(Lc + "offset");
        if (offsetText is not null && !Iso8601.TryParseDuration(offsetText, out offset))
            errors.Add(new(id, $"Bad ISO 8601 offset '{offsetText}'.", $"偏移量 '{offsetText}' 不合法。"));
        if (timer.Element(B + "timeDuration") is { } durationEl)
        {
            var text = durationEl.Value.Trim();
            if (IsExpression(text)) return new TimerSpec(TimerKind.Duration, text) { Expression = StripPlaceholder(text) };
            if (Iso8601.TryParseDuration(text, out var d) && d > TimeSpan.Zero) return new TimerSpec(TimerKind.Duration, text) { Duration = d };
            errors.Add(new(id, $"Bad timer duration '{text}' (ISO 8601, e.g. PT30M, P7D).", $"定时器时长 '{text}' 不合法（ISO 8601，如 PT30M、P7D）。"));
            return null;
        }
        if (timer.Element(B + "timeDate") is { } dateEl)
        {
            var text = dateEl.Value.Trim();
            if (IsExpression(text)) return new TimerSpec(TimerKind.Date, text) { Expression = StripPlaceholder(text), Offset = offset };
            if (Iso8601.TryParseDate(text, out var date)) return new TimerSpec(TimerKind.Date, text) { Date = date + offset };
            errors.Add(new(id, $"Bad timer date '{text}'.", $"定时器日期 '{text}' 不合法。"));
            return null;
        }
        if (timer.Element(B + "timeCycle") is { } cycleEl)
        {
            var text = cycleEl.Value.Trim();
            var parts = text.Split('/');
            if (parts.Length == 2 && parts[0].StartsWith('R') && Iso8601.TryParseDuration(parts[1], out var every) && every > TimeSpan.Zero)
            {
                int? repeat = parts[0].Length == 1 ? null : int.TryParse(parts[0][1..], out var n) && n > 0 ? n : -1;
                if (repeat != -1) return new TimerSpec(TimerKind.Cycle, text) { Duration = every, Repeat = repeat };
            }
            if (timer.Parent?.Name.LocalName == "startEvent") return null;
            errors.Add(new(id, $"Bad timer cycle '{text}' (e.g. R3/PT24H).", $"循环定时器 '{text}' 不合法（如 R3/PT24H）。"));
            return null;
        }
        errors.Add(new(id, "Timer without timeDuration, timeDate or timeCycle.", "定时器缺少 timeDuration、timeDate 或 timeCycle。"));
        return null;
    }

    private static bool IsExpression(string text) => text.StartsWith("${", StringComparison.Ordinal);

    internal static IReadOnlyList<string> SplitList(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
