using System.Xml.Linq;

namespace Platform.Workflow.Definitions;

/// <summary>XML namespaces: BPMN 2.0 model, and ours for the extension attributes.</summary>
public static class BpmnNames
{
    public static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Our extension namespace; conventionally prefixed <c>lc:</c>.</summary>
    public static readonly XNamespace Lc = "https://lowcode-platform.dev/schema/workflow/1.0";
}
