namespace Platform.Workflow.Tests.Support;

/// <summary>Wraps process content in a BPMN 2.0 document with the bpmn: and lc: prefixes declared.</summary>
public static class Bpmn
{
    public static string Process(string id, string content, string? name = null) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                          xmlns:lc="https://lowcode-platform.dev/schema/workflow/1.0"
                          id="Definitions_{id}" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="{id}" name="{name ?? id}" isExecutable="true">
        {content}
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static string Flow(string id, string from, string to, string? condition = null) => condition is null
        ? $"""<bpmn:sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}" />"""
        : $"""<bpmn:sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{System.Security.SecurityElement.Escape(condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>""";
}
