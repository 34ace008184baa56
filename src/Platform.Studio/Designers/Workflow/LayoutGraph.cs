using System.Xml.Linq;
using Platform.Workflow.Definitions;

namespace Platform.Studio.Designers.Workflow;

/// <summary>
/// The process as a graph for <see cref="BpmnLayout"/>: layers by longest path (back edges of loops ignored), rows so
/// that a node continues the row of its first predecessor and further branches open rows beside it.
/// </summary>
internal sealed class LayoutGraph
{
    private static readonly XNamespace B = BpmnNames.Bpmn;

    public required string ProcessId { get; init; }
    public required List<LayoutNode> Nodes { get; init; }
    public required List<LayoutEdge> Edges { get; init; }

    public static LayoutGraph Read(XElement process)
    {
        var nodes = process.Elements()
            .Where(e => e.Name.Namespace == B && e.Attribute("id") is not null
                && e.Name.LocalName is not ("sequenceFlow" or "laneSet" or "textAnnotation" or "association" or "documentation" or "extensionElements"
                    or "dataObject" or "dataObjectReference" or "dataStoreReference" or "group"))
            .Select(e => new LayoutNode((string)e.Attribute("id")!, e.Name.LocalName, (string?)e.Attribute("attachedToRef")))
            .ToList();
        var ids = nodes.Select(n => n.Id).ToHashSet();
        var edges = process.Elements(B + "sequenceFlow")
            .Select(e => new LayoutEdge((string?)e.Attribute("id") ?? "", (string?)e.Attribute("sourceRef") ?? "", (string?)e.Attribute("targetRef") ?? ""))
            .Where(e => e.Id.Length > 0 && ids.Contains(e.Source) && ids.Contains(e.Target))
            .ToList();
        return new LayoutGraph { ProcessId = (string?)process.Attribute("id") ?? "process", Nodes = nodes, Edges = edges };
    }

    /// <summary>Boxes in layout space (main axis along the flow).</summary>
    public Dictionary<string, Box> Place(LayoutDirection direction, double layerGap, double rowGap)
    {
        var byId = Nodes.ToDictionary(n => n.Id);
        // A boundary event's successors are laid out as if they followed its host.
        string Anchor(string id) => byId[id].AttachedTo is { } host && byId.ContainsKey(host) ? host : id;
        var flowNodes = Nodes.Where(n => n.AttachedTo is null || !byId.ContainsKey(n.AttachedTo)).ToList();
        var outgoing = flowNodes.ToDictionary(n => n.Id, _ => new List<(string Target, bool FromBoundary)>());
        foreach (var e in Edges)
        {
            var from = Anchor(e.Source);
            if (outgoing.ContainsKey(from) && outgoing.ContainsKey(e.Target) && from != e.Target)
                outgoing[from].Add((e.Target, from != e.Source));
        }

        var order = new List<string>();
        var back = new HashSet<(string, string)>();
        var state = new Dictionary<string, int>();
        void Visit(string id)
        {
            state[id] = 1;
            foreach (var (t, _) in outgoing[id].OrderBy(o => o.FromBoundary))
            {
                if (state.GetValueOrDefault(t) == 1) back.Add((id, t));
                else if (state.GetValueOrDefault(t) == 0) Visit(t);
            }
            state[id] = 2;
            order.Add(id);
        }
        foreach (var start in flowNodes.Where(n => n.Kind == "startEvent")) if (!state.ContainsKey(start.Id)) Visit(start.Id);
        foreach (var n in flowNodes) if (!state.ContainsKey(n.Id)) Visit(n.Id);
        order.Reverse();

        var layer = flowNodes.ToDictionary(n => n.Id, _ => 0);
        foreach (var id in order)
            foreach (var (t, _) in outgoing[id].Where(o => !back.Contains((id, o.Target))))
                layer[t] = Math.Max(layer[t], layer[id] + 1);

        var row = new Dictionary<string, int>();
        var nextFree = new Dictionary<int, int>();
        var childIndex = new Dictionary<string, int>();
        var predecessors = flowNodes.ToDictionary(n => n.Id, _ => new List<(string Source, bool FromBoundary)>());
        foreach (var (id, outs) in outgoing)
            foreach (var (t, fromBoundary) in outs.Where(o => !back.Contains((id, o.Target)))) predecessors[t].Add((id, fromBoundary));
        foreach (var id in order.OrderBy(i => layer[i]).ThenBy(order.IndexOf))
        {
            var placed = predecessors[id].Where(p => row.ContainsKey(p.Source)).ToList();
            var desired = 0;
            if (placed.Count > 1) desired = placed.Min(p => row[p.Source]);
            else if (placed.Count == 1)
            {
                var (p, fromBoundary) = placed[0];
                var k = childIndex.GetValueOrDefault(p);
                childIndex[p] = k + 1;
                desired = row[p] + k + (fromBoundary ? 1 : 0);
            }
            row[id] = Math.Max(desired, nextFree.GetValueOrDefault(layer[id]));
            nextFree[layer[id]] = row[id] + 1;
        }

        const double cellMain = 120, cellCross = 100;
        var boxes = new Dictionary<string, Box>();
        foreach (var n in flowNodes)
        {
            var (main, cross) = Size(n.Kind, direction);
            var centerMain = 60 + layer[n.Id] * (cellMain + layerGap) + cellMain / 2;
            var centerCross = 60 + row[n.Id] * (cellCross + rowGap) + cellCross / 2;
            boxes[n.Id] = new Box(centerMain - main / 2, centerCross - cross / 2, main, cross);
        }
        foreach (var group in Nodes.Where(n => n.AttachedTo is not null && boxes.ContainsKey(n.AttachedTo)).GroupBy(n => n.AttachedTo!))
        {
            var host = boxes[group.Key];
            var i = 0;
            foreach (var b in group)
            {
                // On the host's edge facing the next row, spread along it.
                var main = host.MainEnd - 36 - 8 - i++ * 44;
                boxes[b.Id] = new Box(Math.Max(host.Main, main), host.CrossEnd - 18, 36, 36);
            }
        }
        return boxes;
    }

    private static (double Main, double Cross) Size(string kind, LayoutDirection direction)
    {
        var (w, h) = kind switch
        {
            "startEvent" or "endEvent" or "intermediateCatchEvent" or "intermediateThrowEvent" or "boundaryEvent" => (36d, 36d),
            "exclusiveGateway" or "parallelGateway" or "inclusiveGateway" or "eventBasedGateway" or "complexGateway" => (50d, 50d),
            _ => (100d, 80d),
        };
        return direction == LayoutDirection.LeftToRight ? (w, h) : (h, w);
    }

    /// <summary>Waypoints in x/y: straight along a row, otherwise one bend; loops go around below.</summary>
    public List<(double X, double Y)> Route(LayoutEdge edge, Dictionary<string, Box> boxes, LayoutDirection direction)
    {
        var points = new List<(double Main, double Cross)>();
        if (!boxes.TryGetValue(edge.Source, out var s) || !boxes.TryGetValue(edge.Target, out var t)) return [];
        var fromSide = Nodes.First(n => n.Id == edge.Source) is { } src && (src.Kind.EndsWith("Gateway", StringComparison.Ordinal) || src.AttachedTo is not null);
        if (Math.Abs(s.CrossCenter - t.CrossCenter) < 1 && t.Main > s.MainEnd)
        {
            points.Add((s.MainEnd, s.CrossCenter));
            points.Add((t.Main, t.CrossCenter));
        }
        else if (t.Main <= s.Main)
        {
            var below = boxes.Values.Max(b => b.CrossEnd) + 30;
            points.Add((s.MainCenter, s.CrossEnd));
            points.Add((s.MainCenter, below));
            points.Add((t.MainCenter, below));
            points.Add((t.MainCenter, t.CrossEnd));
        }
        else if (fromSide)
        {
            points.Add((s.MainCenter, t.CrossCenter > s.CrossCenter ? s.CrossEnd : s.Cross));
            points.Add((s.MainCenter, t.CrossCenter));
            points.Add((t.Main, t.CrossCenter));
        }
        else
        {
            points.Add((s.MainEnd, s.CrossCenter));
            points.Add((t.MainCenter, s.CrossCenter));
            points.Add((t.MainCenter, t.CrossCenter > s.CrossCenter ? t.Cross : t.CrossEnd));
        }
        return points.Select(p => direction == LayoutDirection.LeftToRight ? (p.Main, p.Cross) : (p.Cross, p.Main)).ToList();
    }
}

internal sealed record LayoutNode(string Id, string Kind, string? AttachedTo);

internal sealed record LayoutEdge(string Id, string Source, string Target);
