using System.Xml.Linq;
using Platform.Studio.Designers.Workflow;

namespace Platform.Studio.Tests.Workbench;

public sealed class RecordDiagramLayoutTests
{
    private static readonly XNamespace Di = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";

    private const string Loop = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="p">
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="review" name="审批" />
            <bpmn:exclusiveGateway id="ok" />
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="review" />
            <bpmn:sequenceFlow id="b" sourceRef="review" targetRef="ok" />
            <bpmn:sequenceFlow id="back" sourceRef="ok" targetRef="review" />
            <bpmn:sequenceFlow id="c" sourceRef="ok" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public void Every_node_and_flow_gets_a_shape_left_to_right_even_with_a_loop()
    {
        var doc = XDocument.Parse(BpmnLayout.EnsureLayout(Loop));
        var x = doc.Descendants(Di + "BPMNShape").ToDictionary(s => (string)s.Attribute("bpmnElement")!, s => (double)s.Element(Dc + "Bounds")!.Attribute("x")!);

        Assert.Equal(["end", "ok", "review", "start"], x.Keys.Order());
        Assert.True(x["start"] < x["review"] && x["review"] < x["ok"] && x["ok"] < x["end"]);
        Assert.Equal(["a", "b", "back", "c"], doc.Descendants(Di + "BPMNEdge").Select(e => (string)e.Attribute("bpmnElement")!).Order());
        Assert.All(doc.Descendants(Di + "BPMNEdge"), e => Assert.True(e.Elements().Count() >= 2));
    }

    [Fact]
    public void A_file_with_a_diagram_is_left_as_it_is()
    {
        var once = BpmnLayout.EnsureLayout(Loop);
        Assert.Equal(once, BpmnLayout.EnsureLayout(once));
    }
}
