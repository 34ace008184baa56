using System.Globalization;
using System.Xml.Linq;

namespace Platform.Studio.Runtime.Workflow;

/// <summary>
/// Gives a BPMN file without diagram interchange (hand-written or shipped in a template) a left-to-right layout so the
/// viewer can draw it: nodes in columns by their distance from the start, flows as elbow lines. Files that already
/// carry a diagram are returned unchanged.
/// </summary>
public static class BpmnAutoLayout
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Di = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    private static readonly XNamespace DiBase = "http://www.omg.org/spec/DD/20100524/DI";

    private const int ColumnWidth = 170, RowHeight = 120, Left = 60, Top = 60;

    private sealed record Box(double X, double Y, double W, double H)
    {
        public double MidY => Y + H / 2;
    }

    public static string EnsureDiagram(string xml)
    {
        var doc = XDocument.Parse(xml);
        if (doc.Descendants(Di + "BPMNDiagram").Any()) return xml;
        var process = doc.Root?.Elements(Bpmn + "process").FirstOrDefault();
        if (process is null) return xml;

        var flows = process.Elements(Bpmn + "sequenceFlow")
            .Select(f => (Id: (string?)f.Attribute("id"), Source: (string?)f.Attribute("sourceRef"), Target: (string?)f.Attribute("targetRef")))
            .Where(f => f.Id is not null && f.Source is not null && f.Target is not null).ToList();
        var nodes = process.Elements().Where(e => e.Name != Bpmn + "sequenceFlow" && e.Attribute("id") is not null
            && e.Name.LocalName is not ("documentation" or "extensionElements" or "laneSet" or "textAnnotation" or "association")).ToList();
        var columns = Columns(nodes, flows!);

        var boxes = new Dictionary<string, Box>(StringComparer.Ordinal);
        var rows = new Dictionary<int, int>();
        foreach (var node in nodes.Where(n => n.Name.LocalName != "boundaryEvent").OrderBy(n => columns[Id(n)]))
        {
            var column = columns[Id(node)];
            var row = rows[column] = rows.GetValueOrDefault(column, -1) + 1;
            var (w, h) = SizeOf(node.Name.LocalName);
            boxes[Id(node)] = new Box(Left + column * ColumnWidth + (100 - w) / 2, Top + row * RowHeight + (80 - h) / 2, w, h);
        }
        foreach (var boundary in nodes.Where(n => n.Name.LocalName == "boundaryEvent"))
        {
            var host = boxes.GetValueOrDefault((string?)boundary.Attribute("attachedToRef") ?? "") ?? new Box(Left, Top, 100, 80);
            boxes[Id(boundary)] = new Box(host.X + host.W - 28, host.Y + host.H - 18, 36, 36);
        }

        var plane = new XElement(Di + "BPMNPlane", new XAttribute("id", "Plane_auto"), new XAttribute("bpmnElement", Id(process)));
        foreach (var (id, box) in boxes)
            plane.Add(new XElement(Di + "BPMNShape", new XAttribute("id", id + "_di"), new XAttribute("bpmnElement", id),
                new XElement(Dc + "Bounds", Attr("x", box.X), Attr("y", box.Y), Attr("width", box.W), Attr("height", box.H))));
        foreach (var (id, source, target) in flows)
        {
            if (!boxes.TryGetValue(source!, out var from) || !boxes.TryGetValue(target!, out var to)) continue;
            var edge = new XElement(Di + "BPMNEdge", new XAttribute("id", id + "_di"), new XAttribute("bpmnElement", id!));
            var start = (X: from.X + from.W, Y: from.MidY);
            var end = (X: to.X, Y: to.MidY);
            if (end.X <= start.X) // a flow going back (a loop): route it below both nodes
            {
                var below = Math.Max(from.Y + from.H, to.Y + to.H) + 30;
                foreach (var (x, y) in new[] { (from.X + from.W / 2, from.Y + from.H), (from.X + from.W / 2, below), (to.X + to.W / 2, below), (to.X + to.W / 2, to.Y + to.H) })
                    edge.Add(Point(x, y));
            }
            else
            {
                var mid = (start.X + end.X) / 2;
                foreach (var (x, y) in Math.Abs(start.Y - end.Y) < 1 ? new[] { start, end } : [start, (mid, start.Y), (mid, end.Y), end])
                    edge.Add(Point(x, y));
            }
            plane.Add(edge);
        }
        doc.Root!.Add(new XElement(Di + "BPMNDiagram", new XAttribute("id", "Diagram_auto"), plane));
        return doc.Declaration is null ? doc.ToString(SaveOptions.DisableFormatting) : doc.Declaration + doc.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>Longest distance from a start node along forward flows (flows back to an earlier node are ignored).</summary>
    private static Dictionary<string, int> Columns(List<XElement> nodes, List<(string? Id, string? Source, string? Target)> flows)
    {
        var ids = nodes.Select(Id).ToList();
        var columns = ids.ToDictionary(i => i, _ => 0, StringComparer.Ordinal);
        var outgoing = flows.GroupBy(f => f.Source!).ToDictionary(g => g.Key, g => g.Select(f => f.Target!).ToList(), StringComparer.Ordinal);
        var incoming = flows.Select(f => f.Target).ToHashSet(StringComparer.Ordinal);
        var roots = ids.Where(i => !incoming.Contains(i)).ToList();
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        void Walk(string id, int depth)
        {
            if (!visiting.Add(id)) return; // a cycle: keep the column found so far
            columns[id] = Math.Max(columns[id], depth);
            foreach (var next in outgoing.GetValueOrDefault(id) ?? [])
                if (columns.ContainsKey(next) && columns[next] <= depth) Walk(next, depth + 1);
            visiting.Remove(id);
        }
        foreach (var root in roots.Count > 0 ? roots : ids.Take(1)) Walk(root, 0);
        return columns;
    }

    private static (double W, double H) SizeOf(string kind) => kind switch
    {
        "startEvent" or "endEvent" or "intermediateCatchEvent" or "intermediateThrowEvent" => (36, 36),
        "exclusiveGateway" or "parallelGateway" or "inclusiveGateway" or "eventBasedGateway" => (50, 50),
        _ => (100, 80),
    };

    private static string Id(XElement e) => (string)e.Attribute("id")!;

    private static XAttribute Attr(string name, double value) => new(name, value.ToString("0.##", CultureInfo.InvariantCulture));

    private static XElement Point(double x, double y) => new(DiBase + "waypoint", Attr("x", x), Attr("y", y));
}
