using System.Xml;
using System.Xml.Linq;

namespace Platform.Workflow.Definitions;

/// <summary>
/// Parses BPMN 2.0 XML into a <see cref="WorkflowModel"/>. Only the executable subset documented in docs/workflow.md
/// is accepted; every other element inside the process is refused by name, never silently ignored.
/// </summary>
public static class BpmnParser
{
    private static readonly HashSet<string> Ignored = ["documentation", "extensionElements", "incoming", "outgoing", "laneSet", "textAnnotation", "association"];

    public static WorkflowModel Parse(string xml)
    {
        XDocument doc;
        try
        {
            doc = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new WorkflowDefinitionException([new(null, $"Not well-formed XML: {e.Message}", $"XML 格式错误：{e.Message}")]);
        }
        var errors = new List<DefinitionError>();
        var root = doc.Root!;
        if (root.Name != BpmnNames.Bpmn + "definitions")
            throw new WorkflowDefinitionException([new(null, "The root element must be bpmn:definitions (BPMN 2.0).", "根元素必须是 bpmn:definitions（BPMN 2.0）。")]);

        foreach (var child in root.Elements().Where(e => e.Name.Namespace == BpmnNames.Bpmn))
        {
            var local = child.Name.LocalName;
            if (local is "process" or "error") continue;
            if (local == "collaboration")
            {
                foreach (var inner in child.Elements().Where(e => e.Name.LocalName is not ("participant" or "documentation" or "extensionElements" or "textAnnotation" or "association")))
                    errors.Add(Unsupported(inner));
                continue;
            }
            errors.Add(Unsupported(child));
        }

        var processes = root.Elements(BpmnNames.Bpmn + "process").ToList();
        if (processes.Count != 1)
        {
            errors.Add(new(null, $"Exactly one process is supported; found {processes.Count}.", $"只支持一个流程（process），实际为 {processes.Count} 个。"));
            throw new WorkflowDefinitionException(errors);
        }
        var errorCodes = root.Elements(BpmnNames.Bpmn + "error")
            .ToDictionary(e => (string?)e.Attribute("id") ?? "", e => (string?)e.Attribute("errorCode") ?? (string?)e.Attribute("name") ?? "");

        var process = processes[0];
        var nodes = new Dictionary<string, FlowNode>();
        var flows = new Dictionary<string, SequenceFlow>();
        foreach (var element in process.Elements())
        {
            if (element.Name.Namespace != BpmnNames.Bpmn) continue;
            var local = element.Name.LocalName;
            if (Ignored.Contains(local)) continue;
            var id = (string?)element.Attribute("id");
            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add(new(null, $"Element {local} has no id.", $"元素 {local} 缺少 id。"));
                continue;
            }
            if (local == "sequenceFlow")
            {
                flows[id] = ParseFlow(element, id, errors);
                continue;
            }
            var node = BpmnNodeParser.Parse(element, id, errorCodes, errors);
            if (node is null) continue;
            if (!nodes.TryAdd(id, node)) errors.Add(new(id, "Duplicate element id.", "元素 id 重复。"));
        }

        foreach (var flow in flows.Values)
        {
            if (!nodes.ContainsKey(flow.Source)) errors.Add(new(flow.Id, $"Flow source '{flow.Source}' does not exist.", $"连线起点 '{flow.Source}' 不存在。"));
            if (!nodes.ContainsKey(flow.Target)) errors.Add(new(flow.Id, $"Flow target '{flow.Target}' does not exist.", $"连线终点 '{flow.Target}' 不存在。"));
        }
        if (errors.Count > 0) throw new WorkflowDefinitionException(errors);

        // Incoming/outgoing come from the flows themselves: modelers do not always write the child elements.
        var wired = nodes.Values.ToDictionary(n => n.Id, n => n with
        {
            Incoming = flows.Values.Where(f => f.Target == n.Id).Select(f => f.Id).ToList(),
            Outgoing = flows.Values.Where(f => f.Source == n.Id).Select(f => f.Id).ToList(),
        });
        return new WorkflowModel(
            (string?)process.Attribute("id") ?? "process",
            (string?)process.Attribute("name") ?? (string?)process.Attribute("id") ?? "process",
            wired, flows);
    }

    internal static DefinitionError Unsupported(XElement element)
    {
        var id = (string?)element.Attribute("id");
        var name = element.Name.LocalName;
        return new(id, $"Unsupported BPMN element <{name}>{(id is null ? "" : $" '{id}'")}; see docs/workflow.md for the supported subset.",
            $"不支持的 BPMN 元素 <{name}>{(id is null ? "" : $"（{id}）")}；支持的子集见 docs/workflow.md。");
    }

    private static SequenceFlow ParseFlow(XElement element, string id, List<DefinitionError> errors)
    {
        string? condition = null;
        var expression = element.Element(BpmnNames.Bpmn + "conditionExpression");
        if (expression is not null) condition = BpmnNodeParser.StripPlaceholder(expression.Value);
        FieldRule? rule = null;
        var field = (string?)element.Attribute(BpmnNames.Lc + "field");
        if (field is not null)
        {
            var op = (string?)element.Attribute(BpmnNames.Lc + "op") ?? "eq";
            if (!FieldRuleEvaluator.Operators.Contains(op))
                errors.Add(new(id, $"Unknown rule operator '{op}' (use {string.Join(", ", FieldRuleEvaluator.Operators)}).", $"未知的条件运算符 '{op}'。"));
            rule = new FieldRule(field, op, (string?)element.Attribute(BpmnNames.Lc + "value"));
        }
        foreach (var child in element.Elements().Where(e => e.Name.Namespace == BpmnNames.Bpmn && e.Name.LocalName is not ("conditionExpression" or "documentation" or "extensionElements")))
            errors.Add(Unsupported(child));
        return new SequenceFlow(id, (string?)element.Attribute("sourceRef") ?? "", (string?)element.Attribute("targetRef") ?? "",
            string.IsNullOrWhiteSpace(condition) ? null : condition, rule, (string?)element.Attribute("name"));
    }
}
