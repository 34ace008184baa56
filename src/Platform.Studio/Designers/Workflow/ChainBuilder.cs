using System.Xml.Linq;
using Platform.Workflow.Definitions;

namespace Platform.Studio.Designers.Workflow;

/// <summary>Writes the process elements of an approval chain; ids are stable for the same chain so diffs stay small.</summary>
internal sealed class ChainBuilder
{
    private static readonly XNamespace B = BpmnNames.Bpmn;
    private static readonly XNamespace Lc = BpmnNames.Lc;

    private readonly ApprovalChain _chain;
    private readonly XElement _process;
    private int _flows;

    public XDocument Document { get; }

    public ChainBuilder(string key, ApprovalChain chain)
    {
        _chain = chain;
        _process = new XElement(B + "process", new XAttribute("id", key), new XAttribute("name", string.IsNullOrWhiteSpace(chain.Name) ? key : chain.Name),
            new XAttribute("isExecutable", "true"),
            new XElement(B + "extensionElements", new XElement(Lc + "chain", ApprovalChainBpmn.Serialize(chain))));
        Document = new XDocument(new XElement(B + "definitions",
            new XAttribute(XNamespace.Xmlns + "bpmn", B.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xsi", BpmnNames.Xsi.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "lc", Lc.NamespaceName),
            new XAttribute("id", "definitions_" + key), new XAttribute("targetNamespace", "https://lowcode-platform.dev/workflows"),
            _process));
    }

    /// <summary>Where the next element connects: a node, plus the condition when it leaves a branch gateway.</summary>
    internal sealed record Tail(string From, ChainBranch? Branch = null);

    public Tail Start()
    {
        var start = Node("startEvent", "start", "提交 / Submit");
        if (_chain.Trigger != "manual")
        {
            start.SetAttributeValue(Lc + "trigger", _chain.Trigger);
            start.SetAttributeValue(Lc + "form", _chain.Form);
        }
        else if (!string.IsNullOrWhiteSpace(_chain.Form)) start.SetAttributeValue(Lc + "form", _chain.Form);
        if (!string.IsNullOrWhiteSpace(_chain.StartCondition)) start.SetAttributeValue(Lc + "condition", _chain.StartCondition.Trim());
        return new Tail("start");
    }

    public void End(Tail tail)
    {
        Node("endEvent", "end", "结束 / End");
        Connect(tail, "end");
    }

    /// <summary>Adds the steps in order; <paramref name="path"/> keeps ids unique inside nested branches (e.g. "2_1_").</summary>
    public Tail Add(IReadOnlyList<ChainStep> steps, Tail tail, string path)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var id = $"{path}{i + 1}";
            tail = steps[i] switch
            {
                ApproverStep a => Approver(a, tail, id),
                CopyStep c => Copy(c, tail, id),
                ConditionStep c => Condition(c, tail, id),
                _ => throw new NotSupportedException(steps[i].GetType().Name),
            };
        }
        return tail;
    }

    private Tail Approver(ApproverStep step, Tail tail, string suffix)
    {
        var id = "approve_" + suffix;
        var task = Node("userTask", id, Named(step.Name, "审批人 / Approver"));
        task.SetAttributeValue(Lc + "approvers", string.Join(";", step.Approvers));
        if (step.Mode != "any") task.SetAttributeValue(Lc + "mode", step.Mode);
        if (step.DueHours is > 0) task.SetAttributeValue(Lc + "due", $"PT{step.DueHours}H");
        if (!string.IsNullOrWhiteSpace(step.FieldAccess)) task.SetAttributeValue(Lc + "fieldAccess", step.FieldAccess.Trim());
        Connect(tail, id);
        if (step.RemindAfterHours is > 0) Reminder(step, id);
        return new Tail(id);
    }

    private void Reminder(ApproverStep step, string taskId)
    {
        var remind = Node("boundaryEvent", taskId + "_remind", $"{step.RemindAfterHours} 小时未处理提醒 / Reminder");
        remind.SetAttributeValue("attachedToRef", taskId);
        remind.SetAttributeValue("cancelActivity", "false");
        var every = $"PT{step.RemindAfterHours}H";
        remind.Add(new XElement(B + "timerEventDefinition", step.RemindTimes > 1
            ? new XElement(B + "timeCycle", new XAttribute(BpmnNames.Xsi + "type", "bpmn:tFormalExpression"), $"R{step.RemindTimes}/{every}")
            : new XElement(B + "timeDuration", new XAttribute(BpmnNames.Xsi + "type", "bpmn:tFormalExpression"), every)));
        var notify = Node("serviceTask", taskId + "_nudge", "催办 / Remind approver");
        notify.SetAttributeValue(Lc + "action", "notify");
        notify.SetAttributeValue(Lc + "channel", "inApp");
        notify.SetAttributeValue(Lc + "to", string.Join(";", step.Approvers));
        notify.SetAttributeValue(Lc + "subject", "请尽快审批：{{record.title}} / Awaiting your approval: {{record.title}}");
        Node("endEvent", taskId + "_reminded", null);
        Connect(new Tail(remind.Attribute("id")!.Value), taskId + "_nudge");
        Connect(new Tail(taskId + "_nudge"), taskId + "_reminded");
    }

    private Tail Copy(CopyStep step, Tail tail, string suffix)
    {
        var id = "cc_" + suffix;
        var task = Node("serviceTask", id, Named(step.Name, "抄送 / Copy to"));
        task.SetAttributeValue(Lc + "action", "notify");
        task.SetAttributeValue(Lc + "channel", "inApp");
        task.SetAttributeValue(Lc + "to", string.Join(";", step.Recipients));
        task.SetAttributeValue(Lc + "subject", step.Subject);
        if (!string.IsNullOrWhiteSpace(step.Body)) task.SetAttributeValue(Lc + "body", step.Body);
        Connect(tail, id);
        return new Tail(id);
    }

    private Tail Condition(ConditionStep step, Tail tail, string suffix)
    {
        var split = "branch_" + suffix;
        var join = "merge_" + suffix;
        Node("exclusiveGateway", split, Named(step.Name, "条件分支 / Condition"));
        Connect(tail, split);
        var ordered = step.Branches.Where(b => !b.IsDefault).Concat(step.Branches.Where(b => b.IsDefault)).ToList();
        var tails = new List<Tail>();
        for (var i = 0; i < ordered.Count; i++)
            tails.Add(Add(ordered[i].Steps, new Tail(split, ordered[i]), $"{suffix}_{i + 1}_"));
        Node("exclusiveGateway", join, null);
        foreach (var t in tails) Connect(t, join);
        return new Tail(join);
    }

    private XElement Node(string kind, string id, string? name)
    {
        var e = new XElement(B + kind, new XAttribute("id", id));
        if (name is not null) e.SetAttributeValue("name", name);
        _process.Add(e);
        return e;
    }

    private void Connect(Tail tail, string target)
    {
        var id = $"flow_{++_flows}";
        var flow = new XElement(B + "sequenceFlow", new XAttribute("id", id), new XAttribute("sourceRef", tail.From), new XAttribute("targetRef", target));
        if (tail.Branch is { } branch)
        {
            if (!string.IsNullOrWhiteSpace(branch.Name)) flow.SetAttributeValue("name", branch.Name);
            if (branch.IsDefault)
                _process.Elements().First(e => (string?)e.Attribute("id") == tail.From).SetAttributeValue("default", id);
            else if (!string.IsNullOrWhiteSpace(branch.Expression))
                flow.Add(new XElement(B + "conditionExpression", new XAttribute(BpmnNames.Xsi + "type", "bpmn:tFormalExpression"), branch.Expression.Trim()));
            else
            {
                flow.SetAttributeValue(Lc + "field", branch.Field);
                flow.SetAttributeValue(Lc + "op", branch.Operator);
                if (branch.Value is not null) flow.SetAttributeValue(Lc + "value", branch.Value);
            }
        }
        _process.Add(flow);
    }

    private static string Named(string name, string fallback) => string.IsNullOrWhiteSpace(name) ? fallback : name.Trim();
}
