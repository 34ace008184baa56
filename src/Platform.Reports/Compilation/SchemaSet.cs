using Platform.Forms.Queries;
using Platform.Reports.Definitions;
using Platform.Reports.Projections;
using Platform.Reports.Sources;

namespace Platform.Reports.Compilation;

/// <summary>The report's form and every form reached through relation paths, loaded before compiling.</summary>
internal sealed class SchemaSet(SourceSchema root, IReadOnlyDictionary<(string App, string Form), SourceSchema> all)
{
    public SourceSchema Root => root;

    /// <summary>The root form's typed reporting projection, when reports read it instead of forms.records.</summary>
    public ProjectionLayout? Projection { get; set; }

    public IEnumerable<SourceSchema> All => all.Values;

    public SourceSchema? Find(string app, string form) => all.GetValueOrDefault((app, form));

    public static async Task<SchemaSet> LoadAsync(ISourceSchemas schemas, ReportDefinition report, CancellationToken ct)
    {
        var root = await schemas.GetAsync(report.App, report.Source.Form, ct)
            ?? throw new ReportException("source.form",
                $"The form '{report.Source.Form}' does not exist in app '{report.App}' or is not published.",
                $"应用“{report.App}”中不存在表单“{report.Source.Form}”，或尚未发布。");
        var all = new Dictionary<(string, string), SourceSchema> { [(root.App, root.Form)] = root };
        foreach (var path in FieldPaths(report))
            await LoadRelationTargetsAsync(schemas, root, report.Source.Lines, path.Split('.'), all, false, ct);
        // A relation dimension is labelled with the related record's title, which the viewer's scope on the target
        // form governs, so the target is loaded (and its scope fetched) even when no path hops into it.
        foreach (var dimension in report.Dimensions)
            await LoadRelationTargetsAsync(schemas, root, report.Source.Lines, dimension.Field.Split('.'), all, true, ct);
        return new SchemaSet(root, all);
    }

    public static IEnumerable<string> FieldPaths(ReportDefinition report) =>
        report.Dimensions.Select(d => d.Field)
            .Concat(report.Measures.Where(m => m.Field is not null).Select(m => m.Field!))
            .Concat(FilterFields(report.Filter))
            .Concat(report.Measures.SelectMany(m => FilterFields(m.Filter)))
            .Concat(report.Parameters.Select(p => p.Field));

    private static IEnumerable<string> FilterFields(FilterNode? node)
    {
        if (node is null) yield break;
        if (node.Field is not null) yield return node.Field;
        foreach (var child in (node.And ?? []).Concat(node.Or ?? []))
            foreach (var field in FilterFields(child)) yield return field;
    }

    private static async Task LoadRelationTargetsAsync(ISourceSchemas schemas, SourceSchema schema, string? lines, string[] segments,
        Dictionary<(string, string), SourceSchema> all, bool includeLast, CancellationToken ct)
    {
        IReadOnlyList<SourceField> fields = schema.Fields;
        for (var i = 0; i < segments.Length - (includeLast ? 0 : 1); i++)
        {
            var field = fields.FirstOrDefault(f => f.Key == segments[i]);
            if (field is null) return;
            if (field.Kind == FieldKind.SubTable && i == 0 && field.Key == lines) { fields = field.Lines; continue; }
            if (field.Relation is not { } target) return;
            if (!all.TryGetValue(target, out var next))
            {
                next = await schemas.GetAsync(target.App, target.Form, ct);
                if (next is null) return;
                all[target] = next;
            }
            fields = next.Fields;
        }
    }
}
