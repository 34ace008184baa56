using System.Xml.Linq;
using Platform.Studio.Designers.Workflow;

namespace Platform.Studio.Tests.Designers.Workflow;

public sealed class BpmnLayoutTests
{
    // The documented order-approval example: written by hand, no diagram information.
    private const string Example = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                          xmlns:lc="https://lowcode-platform.dev/schema/workflow/1.0" id="d1">
          <bpmn:process id="order_approval" name="Order approval" isExecutable="true">
            <bpmn:startEvent id="start" lc:trigger="recordCreated" lc:form="crm/orders" />
            <bpmn:exclusiveGateway id="size" default="small" />
            <bpmn:userTask id="director" name="Director" lc:approvers="deptManager" lc:onReject="continue" />
            <bpmn:boundaryEvent id="remind" attachedToRef="director" cancelActivity="false">
              <bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT24H</bpmn:timeCycle></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:serviceTask id="nudge" lc:action="notify" lc:channel="inApp" lc:to="deptManager" lc:subject="Approve {{title}}" />
            <bpmn:endEvent id="nudged" />
            <bpmn:exclusiveGateway id="decision" default="no" />
            <bpmn:serviceTask id="approve" />
            <bpmn:serviceTask id="reject" />
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="size" />
            <bpmn:sequenceFlow id="big" sourceRef="size" targetRef="director" lc:field="amount" lc:op="gt" lc:value="100000" />
            <bpmn:sequenceFlow id="small" sourceRef="size" targetRef="approve" />
            <bpmn:sequenceFlow id="r" sourceRef="remind" targetRef="nudge" />
            <bpmn:sequenceFlow id="r2" sourceRef="nudge" targetRef="nudged" />
            <bpmn:sequenceFlow id="b" sourceRef="director" targetRef="decision" />
            <bpmn:sequenceFlow id="yes" sourceRef="decision" targetRef="approve">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">outcome == 'approved'</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="no" sourceRef="decision" targetRef="reject" />
            <bpmn:sequenceFlow id="c" sourceRef="approve" targetRef="end" />
            <bpmn:sequenceFlow id="d" sourceRef="reject" targetRef="end" />
            <bpmn:sequenceFlow id="loop" sourceRef="reject" targetRef="size" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public void A_file_without_a_diagram_gets_one_and_keeps_what_the_engine_executes()
    {
        Assert.False(BpmnLayout.HasDiagram(XDocument.Parse(Example)));

        var laidOut = BpmnLayout.EnsureLayout(Example);

        var doc = XDocument.Parse(laidOut);
        Assert.True(BpmnLayout.HasDiagram(doc));
        Assert.Equal(ApprovalChainBpmn.Fingerprint(Example), ApprovalChainBpmn.Fingerprint(laidOut));
        Assert.All(doc.Descendants(BpmnLayout.Di + "BPMNEdge"), e => Assert.True(e.Elements(BpmnLayout.DdDi + "waypoint").Count() >= 2, (string?)e.Attribute("bpmnElement")));
    }

    [Fact]
    public void Flows_run_left_to_right_branches_get_their_own_rows_and_the_boundary_sits_on_its_task()
    {
        var doc = XDocument.Parse(BpmnLayout.Layout(Example));
        var bounds = doc.Descendants(BpmnLayout.Di + "BPMNShape").ToDictionary(s => (string)s.Attribute("bpmnElement")!, s =>
        {
            var b = s.Element(BpmnLayout.Dc + "Bounds")!;
            return (X: (double)b.Attribute("x")!, Y: (double)b.Attribute("y")!, W: (double)b.Attribute("width")!, H: (double)b.Attribute("height")!);
        });

        Assert.True(bounds["start"].X < bounds["size"].X && bounds["size"].X < bounds["director"].X && bounds["director"].X < bounds["decision"].X);
        Assert.NotEqual(bounds["director"].Y, bounds["approve"].Y);
        var (x, y, w, h) = bounds["director"];
        var remind = bounds["remind"];
        Assert.InRange(remind.X, x, x + w);
        Assert.InRange(remind.Y + remind.H / 2, y + h - 1, y + h + 1);
    }

    [Fact]
    public void A_complete_diagram_is_left_untouched()
    {
        var laidOut = BpmnLayout.Layout(Example);

        Assert.Same(laidOut, BpmnLayout.EnsureLayout(laidOut));
    }
}
