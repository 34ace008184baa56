using System.Globalization;
using System.Xml.Linq;
using Platform.Workflow.Definitions;

namespace Platform.Studio.Designers.Workflow;

public enum LayoutDirection { LeftToRight, TopDown }

/// <summary>
/// Draws diagram information (BPMN DI) for a process that has none, so files from other tools and generated approval
/// chains open on the canvas: nodes in layers along the flow, branches side by side, boundary events on their task.
/// </summary>
public static class BpmnLayout
{
    public static readonly XNamespace Di = "http://www.omg.org/spec/BPMN/20100524/DI";
    public static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    public static readonly XNamespace DdDi = "http://www.omg.org/spec/DD/20100524/DI";
    private static readonly XNamespace B = BpmnNames.Bpmn;

    private static readonly HashSet<string> NotNodes =
        ["sequenceFlow", "laneSet", "textAnnotation", "association", "documentation", "extensionElements", "dataObject", "dataObjectReference", "dataStoreReference", "group"];

    private const double LayerGap = 70, RowGap = 50;

    /// <summary>True when every flow node and flow of the process has a shape or edge.</summary>
    public static bool HasDiagram(XDocument doc)
    {
        var process = doc.Root?.Element(B + "process");
        if (process is null) return true;
        var drawn = doc.Descendants(Di + "BPMNShape").Concat(doc.Descendants(Di + "BPMNEdge"))
            .Select(e => (string?)e.Attribute("bpmnElement")).ToHashSet();
        return Elements(process).All(e => drawn.Contains((string?)e.Attribute("id")));
    }

    /// <summary>Returns the XML unchanged when it already has a complete diagram, otherwise with a generated one.</summary>
    public static string EnsureLayout(string xml, LayoutDirection direction = LayoutDirection.LeftToRight)
    {
        var doc = XDocument.Parse(xml);
        return HasDiagram(doc) ? xml : Apply(doc, direction).ToString();
    }

    /// <summary>Replaces any diagram information with a freshly computed layout.</summary>
    public static string Layout(string xml, LayoutDirection direction = LayoutDirection.LeftToRight) =>
        Apply(XDocument.Parse(xml), direction).ToString();

    private static IEnumerable<XElement> Elements(XElement process) =>
        process.Elements().Where(e => e.Name.Namespace == B && !NotNodes.Contains(e.Name.LocalName) && e.Attribute("id") is not null)
            .Concat(process.Elements(B + "sequenceFlow").Where(e => e.Attribute("id") is not null));

    private static XDocument Apply(XDocument doc, LayoutDirection direction)
    {
        var root = doc.Root!;
        var process = root.Element(B + "process") ?? throw new InvalidOperationException("The document has no process.");
        var graph = LayoutGraph.Read(process);
        var boxes = graph.Place(direction, LayerGap, RowGap);

        root.Elements(Di + "BPMNDiagram").Remove();
        foreach (var (prefix, ns) in new[] { ("bpmndi", Di), ("dc", Dc), ("di", DdDi) })
            if (root.GetNamespaceOfPrefix(prefix) is null && root.Attributes().All(a => !a.IsNamespaceDeclaration || a.Value != ns.NamespaceName))
                root.SetAttributeValue(XNamespace.Xmlns + prefix, ns.NamespaceName);

        var plane = new XElement(Di + "BPMNPlane", new XAttribute("id", "plane_" + graph.ProcessId), new XAttribute("bpmnElement", graph.ProcessId));
        foreach (var node in graph.Nodes)
        {
            var box = boxes[node.Id].ToXy(direction);
            var shape = new XElement(Di + "BPMNShape", new XAttribute("id", node.Id + "_di"), new XAttribute("bpmnElement", node.Id));
            if (node.Kind == "exclusiveGateway") shape.SetAttributeValue("isMarkerVisible", "true");
            shape.Add(Bounds(box));
            plane.Add(shape);
        }
        foreach (var edge in graph.Edges)
        {
            var points = graph.Route(edge, boxes, direction);
            var element = new XElement(Di + "BPMNEdge", new XAttribute("id", edge.Id + "_di"), new XAttribute("bpmnElement", edge.Id));
            foreach (var (x, y) in points)
                element.Add(new XElement(DdDi + "waypoint", new XAttribute("x", Num(x)), new XAttribute("y", Num(y))));
            plane.Add(element);
        }
        root.Add(new XElement(Di + "BPMNDiagram", new XAttribute("id", "diagram_" + graph.ProcessId), plane));
        return doc;
    }

    private static XElement Bounds(Box b) => new(Dc + "Bounds",
        new XAttribute("x", Num(b.Main)), new XAttribute("y", Num(b.Cross)), new XAttribute("width", Num(b.MainSize)), new XAttribute("height", Num(b.CrossSize)));

    internal static string Num(double v) => Math.Round(v).ToString(CultureInfo.InvariantCulture);
}

/// <summary>A rectangle in layout space: along the flow (main) and across it (cross).</summary>
internal readonly record struct Box(double Main, double Cross, double MainSize, double CrossSize)
{
    public double MainCenter => Main + MainSize / 2;
    public double CrossCenter => Cross + CrossSize / 2;
    public double MainEnd => Main + MainSize;
    public double CrossEnd => Cross + CrossSize;

    /// <summary>In x/y: left to right keeps the axes, top down swaps them.</summary>
    public Box ToXy(LayoutDirection d) => d == LayoutDirection.LeftToRight ? this : new Box(Cross, Main, CrossSize, MainSize);
}
