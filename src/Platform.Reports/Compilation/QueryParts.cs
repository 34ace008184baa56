using NpgsqlTypes;
using Platform.Core.Organization;
using Platform.Reports.Access;
using Platform.Reports.Definitions;
using Platform.Reports.Projections;
using Platform.Reports.Sources;

namespace Platform.Reports.Compilation;

/// <summary>
/// The shared pieces of a report statement: FROM (forms.records or the form's projection) with its joins, WHERE
/// with the form and soft-delete (implied by a projection), the viewer's
/// data scope and the filters. Collects every definition error so the author sees them all at once.
/// </summary>
internal sealed class QueryParts
{
    private readonly ReportDefinition _report;
    private readonly SchemaSet _schemas;
    private readonly IReadOnlyDictionary<(string, string), ReadScope> _scopes;
    private readonly IReadOnlyDictionary<string, ParameterValue> _values;
    private readonly JoinSet _joins = new();
    private readonly FieldResolver _resolver;
    private readonly DimensionCompiler _dimensions;
    private readonly FilterCompiler _filters;
    private readonly FilterCompiler _measureFilters;
    private readonly List<ReportError> _errors = [];
    private readonly HashSet<(string, string)> _forms = [];
    private List<string>? _filterSql;

    public QueryParts(ReportDefinition report, SchemaSet schemas, IReadOnlyDictionary<(string, string), ReadScope> scopes,
        IReadOnlyDictionary<string, ParameterValue> values, ReportClock clock, UserContext user)
    {
        _report = report;
        _schemas = schemas;
        _scopes = scopes;
        _values = values;
        _resolver = new FieldResolver(schemas, report.Source, _joins, Parameters, t => Scope(t.App, t.Form));
        _dimensions = new DimensionCompiler(_joins, _resolver, Parameters.AddText(clock.Zone.Id), t => Scope(t.App, t.Form));
        _filters = new FilterCompiler(Parameters, clock, user, (path, where) => _resolver.Resolve(path, where));
        // A measure's filter splits a value the viewer sees by the tested field, so that field must be visible to them.
        _measureFilters = new FilterCompiler(Parameters, clock, user, (path, where) => Visible(_resolver.Resolve(path, where), where));
        // Every form the statement may read (relation targets included), for the cache's change stamps.
        foreach (var schema in schemas.All) _forms.Add((schema.App, schema.Form));
        // The sub-table key is written into FROM, so it must name a sub-table of the form before any SQL exists.
        if (report.Source.Lines is { } lines && schemas.Root.Field(lines)?.Kind != FieldKind.SubTable)
            _errors.Add(new("source.lines", $"'{lines}' is not a sub-table of the form.", $"“{lines}”不是该表单的子表。"));
    }

    public SqlParameters Parameters { get; } = new();
    public int DimensionCount { get; private set; }
    public IReadOnlyList<(string App, string Form)> Forms => _forms.ToList();

    public IReadOnlyList<CompiledDimension> CompileDimensions()
    {
        var result = new List<CompiledDimension>();
        for (var i = 0; i < _report.Dimensions.Count; i++)
        {
            var where = $"dimensions[{i}]";
            var d = _report.Dimensions[i];
            Collect(() =>
            {
                var field = Visible(_resolver.Resolve(d.Field, where), where);
                result.Add(_dimensions.Compile(d, field, where));
            });
        }
        DimensionCount = result.Count;
        return result;
    }

    public IReadOnlyList<CompiledMeasure> CompileMeasures()
    {
        var result = new List<CompiledMeasure>();
        foreach (var (m, i) in _report.Measures.Where(m => !m.IsDerived).Select((m, i) => (m, i)))
        {
            var where = $"measures.{m.Key}";
            Collect(() =>
            {
                var field = m.Field is null ? null : Visible(_resolver.Resolve(m.Field, where), where);
                var measure = MeasureCompiler.Compile(m, field, i, where);
                if (m.Filter is { } filter) measure = measure.WithFilter(_measureFilters.Compile(filter, $"{where}.filter"), i);
                result.Add(measure);
            });
        }
        return result;
    }

    public void ThrowIfErrors()
    {
        _filterSql ??= CompileFilters();
        if (_errors.Count > 0) throw new ReportException(_errors);
    }

    /// <summary>A column of the root record that a projection may not carry (title, updated_at …).</summary>
    public string RecordColumn(string column) =>
        ProjectionLayout.IsSystemColumn(column) ? $"{FieldResolver.RootAlias}.{column}" : $"{_resolver.RecordData()}.{column}";

    public string From()
    {
        var lines = "";
        if (_report.Source.Lines is { } key)
        {
            var data = $"{_resolver.RecordData()}.data";
            lines = $"\n  CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof({data}->'{key}') = 'array' THEN {data}->'{key}' ELSE '[]'::jsonb END) {FieldResolver.LineAlias}(v)";
        }
        var r = FieldResolver.RootAlias;
        var from = _schemas.Projection is { } projection ? $"  FROM {projection.QualifiedTable} {r}" : $"  FROM forms.records {r}";
        // The projection holds live records of this form only, so the record joined to it needs no further conditions.
        if (_resolver.NeedsRecord) from += $"\n  JOIN forms.records {FieldResolver.RecordAlias} ON {FieldResolver.RecordAlias}.id = {r}.id";
        return from + lines + string.Concat(_joins.Clauses.Select(j => "\n  " + j));
    }

    public string Where(IReadOnlyList<string> extra)
    {
        _filterSql ??= CompileFilters();
        var root = _schemas.Root;
        var parts = _schemas.Projection is not null
            ? new List<string> { "TRUE" }
            : new List<string>
            {
                $"r.app_key = {Parameters.Add(root.App, NpgsqlDbType.Text)}",
                $"r.form_key = {Parameters.Add(root.Form, NpgsqlDbType.Text)}",
                "r.deleted_at IS NULL",
            };
        var scope = Scope(root.App, root.Form);
        if (!scope.CanRead) parts.Add("FALSE");
        else if (scope.PredicateSql != "TRUE")
        {
            Parameters.AddNamed(scope.PredicateParameters);
            parts.Add($"({scope.PredicateSql})");
        }
        parts.AddRange(_filterSql);
        parts.AddRange(extra);
        return "  WHERE " + string.Join("\n    AND ", parts);
    }

    private List<string> CompileFilters()
    {
        var result = new List<string>();
        if (_report.Filter is { } filter)
            Collect(() => result.Add(_filters.Compile(filter, "filter")));
        foreach (var p in _report.Parameters)
        {
            var where = $"parameters.{p.Key}";
            Collect(() =>
            {
                // A parameter lets the viewer probe the field's values, so it must be a field they can see.
                var field = Visible(_resolver.Resolve(p.Field, where), where);
                if (_filters.CompileParameter(p, field, _values.GetValueOrDefault(p.Key), where) is { } sql) result.Add(sql);
            });
        }
        return result;
    }

    private ResolvedField Visible(ResolvedField field, string where)
    {
        _forms.Add((field.OwnerApp, field.OwnerForm));
        var scope = Scope(field.OwnerApp, field.OwnerForm);
        var topKey = field.OwnerFieldKey.Split('.')[0];
        // The title column copies the title field, so it is hidden exactly when that field is.
        if (!scope.CanRead || scope.HiddenFields.Contains(field.OwnerFieldKey) || scope.HiddenFields.Contains(topKey) || topKey == "_title" && scope.TitleHidden)
            throw new ReportException(where,
                $"You cannot see the field '{field.Path}', so it cannot be used in this report.",
                $"您无权查看字段“{field.Path}”，不能在报表中使用它。");
        return field;
    }

    private ReadScope Scope(string app, string form) =>
        _scopes.TryGetValue((app, form), out var s) ? s : ReadScope.Nothing;

    private void Collect(Action action)
    {
        try { action(); }
        catch (ReportException e) { _errors.AddRange(e.Errors); }
    }
}
