using System.Xml;
using System.Xml.Linq;
using Platform.Workflow.Definitions;

namespace Platform.Studio.Designers.Workflow;

/// <summary>Small facts read from BPMN XML without a full parse, and the diagram a new workflow starts from.</summary>
public static class BpmnTemplates
{
    /// <summary>A start event wired to an end event, with its diagram.</summary>
    public static string Blank(string key, string name) => BpmnLayout.Layout($"""
        <bpmn:definitions xmlns:bpmn="{BpmnNames.Bpmn.NamespaceName}" xmlns:lc="{BpmnNames.Lc.NamespaceName}" id="definitions_{key}" targetNamespace="https://lowcode-platform.dev/workflows">
          <bpmn:process id="{key}" name="{System.Security.SecurityElement.Escape(name)}" isExecutable="true">
            <bpmn:startEvent id="start" name="开始 / Start" />
            <bpmn:endEvent id="end" name="结束 / End" />
            <bpmn:sequenceFlow id="flow_1" sourceRef="start" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """);

    /// <summary>The "app/form" of the first start event that names one; null when none or the XML is broken.</summary>
    public static string? StartForm(string xml)
    {
        try
        {
            return XDocument.Parse(xml).Descendants(BpmnNames.Bpmn + "startEvent")
                .Select(e => (string?)e.Attribute(BpmnNames.Lc + "form")).FirstOrDefault(f => f is not null);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>True when the process carries an approval chain (it was made in the approval-chain designer).</summary>
    public static bool HasChain(string xml)
    {
        try
        {
            return ApprovalChainBpmn.Read(xml) is not null;
        }
        catch (Exception e) when (e is XmlException or System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
