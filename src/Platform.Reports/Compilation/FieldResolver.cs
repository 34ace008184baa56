using System.Text.RegularExpressions;
using Platform.Reports.Access;
using Platform.Reports.Definitions;
using Platform.Reports.Projections;
using Platform.Reports.Sources;

namespace Platform.Reports.Compilation;

/// <summary>
/// Turns field paths into SQL over <c>r</c> (forms.records, or the form's typed projection when it has one): root fields, sub-table line fields (<c>lines.product</c>,
/// read from the unnested line <c>ln.v</c>), relation hops (<c>customer.industry</c>, joining the related record),
/// address parts (<c>address.city</c>) and system columns (<c>$owner</c>). Every key is checked against the
/// definitions before it reaches SQL, and only keys of a safe shape are ever written into the statement.
/// Over a projection, projected fields read their typed column and the rest read forms.records joined by id.
/// </summary>
internal sealed partial class FieldResolver(SchemaSet schemas, ReportSource source, JoinSet joins, SqlParameters parameters,
    Func<(string App, string Form), ReadScope> scopeOf)
{
    public const string RootAlias = "r";
    public const string LineAlias = "ln";
    public const string RecordAlias = "rd";
    private static readonly string[] AddressParts = ["province", "city", "district"];

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex SafeKey();

    public ResolvedField Resolve(string path, string where)
    {
        if (string.IsNullOrWhiteSpace(path)) throw Unknown(path, where);
        var segments = path.Split('.');
        if (segments.Any(s => !SafeKey().IsMatch(s))) throw Unknown(path, where);

        var root = schemas.Root;
        if (segments[0].StartsWith('_'))
            return segments.Length == 1 ? System(path, segments[0], RootColumnAlias(segments[0]), root, where) : throw Unknown(path, where);

        var first = root.Field(segments[0]) ?? throw Unknown(path, where);
        if (schemas.Projection?.Field(first.Key) is { } column)
        {
            var typed = Typed(segments.Length == 1 ? path : first.Key, first, column, root);
            return segments.Length == 1 ? typed : WalkRelation(path, segments, 0, typed, where);
        }
        if (first.Kind == FieldKind.SubTable)
        {
            if (source.Lines != first.Key)
                throw new ReportException(where,
                    $"'{path}' is a sub-table field; set source.lines to \"{first.Key}\" to report on its lines.",
                    $"“{path}”属于子表；请将 source.lines 设为“{first.Key}”以按明细行统计。");
            if (segments.Length < 2) throw Unknown(path, where);
            var line = first.Lines.FirstOrDefault(f => f.Key == segments[1]) ?? throw Unknown(path, where);
            return Walk(path, segments, 1, line, $"{LineAlias}.v", root, $"{first.Key}.{line.Key}", where);
        }
        return Walk(path, segments, 0, first, $"{RecordData()}.data", root, first.Key, where);
    }

    /// <summary>True when the statement reads a projection but also needs forms.records (joined as <see cref="RecordAlias"/>).</summary>
    public bool NeedsRecord { get; private set; }

    /// <summary>The alias whose <c>data</c> and full set of system columns belong to the root record.</summary>
    public string RecordData()
    {
        if (schemas.Projection is null) return RootAlias;
        NeedsRecord = true;
        return RecordAlias;
    }

    private string RootColumnAlias(string key) =>
        schemas.Projection is null || SystemFields.Find(key) is { } f && ProjectionLayout.IsSystemColumn(f.Column) ? RootAlias : RecordData();

    /// <summary>A projected field: comparisons, buckets, sums and joins use the typed column; the text form only where text is compared.</summary>
    private static ResolvedField Typed(string path, SourceField field, ProjectedColumn column, SourceSchema owner)
    {
        var c = $"{RootAlias}.\"{column.Column}\"";
        var text = column.SqlType switch
        {
            "date" => $"to_char({c}, 'YYYY-MM-DD')",
            "numeric" or "uuid" => $"({c})::text",
            "timestamptz" => $"to_char({c} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')",
            _ => c,
        };
        return new ResolvedField(path, field, field.Kind, text, $"to_jsonb({c})", owner.App, owner.Form, field.Key) { Column = c, TypedColumn = column };
    }

    private ResolvedField Walk(string path, string[] segments, int index, SourceField field, string json, SourceSchema owner, string ownerKey, string where)
    {
        var textSql = $"{json}->>'{field.Key}'";
        var jsonSql = $"{json}->'{field.Key}'";
        if (index == segments.Length - 1)
            return new ResolvedField(path, field, field.Kind, textSql, jsonSql, owner.App, owner.Form, ownerKey);

        var next = segments[index + 1];
        if (field.Kind == FieldKind.Address && index + 2 == segments.Length && AddressParts.Contains(next))
        {
            return new ResolvedField(path, field, FieldKind.Address, $"{jsonSql}->>'{next}'", $"{jsonSql}->'{next}'", owner.App, owner.Form, ownerKey) { AddressPart = next };
        }
        return WalkRelation(path, segments, index, new ResolvedField(path, field, field.Kind, textSql, jsonSql, owner.App, owner.Form, ownerKey), where);
    }

    /// <summary>Follows a single relation to the related record's field or system column.</summary>
    private ResolvedField WalkRelation(string path, string[] segments, int index, ResolvedField hop, string where)
    {
        var field = hop.Field;
        if (field.Kind != FieldKind.Relation || field.Multiple || field.Relation is not { } target)
            throw Unknown(path, where);

        var next = segments[index + 1];
        var related = schemas.Find(target.App, target.Form) ?? throw Unknown(path, where);
        var alias = RelatedRecord(hop.UuidSql, target);
        if (next.StartsWith('_'))
            return index + 2 == segments.Length ? System(path, next, alias, related, where) : throw Unknown(path, where);
        var nextField = related.Field(next) ?? throw Unknown(path, where);
        if (nextField.Kind == FieldKind.SubTable) throw Unknown(path, where);
        return Walk(path, segments, index + 1, nextField, $"{alias}.data", related, nextField.Key, where);
    }

    /// <summary>
    /// Joins the record a relation points at and returns its alias: live records of the target form within the
    /// viewer's read scope there, so a relation hop reveals nothing of a record the viewer could not list (it reads as
    /// an empty relation). The scope predicate is written over <see cref="RootAlias"/>, so it stays inside a derived
    /// table under that alias; the planner flattens it into an ordinary join.
    /// </summary>
    public string RelatedRecord(string idSql, (string App, string Form) target) =>
        joins.Get($"rel:{idSql}", "j", alias =>
        {
            var predicate = ScopeCondition(scopeOf(target));
            var r = RootAlias;
            return $"LEFT JOIN (SELECT {r}.* FROM forms.records {r} WHERE {r}.app_key = {parameters.AddText(target.App)} " +
                   $"AND {r}.form_key = {parameters.AddText(target.Form)} AND {r}.deleted_at IS NULL{predicate}) {alias} ON {alias}.id = {idSql}";
        });

    /// <summary>The viewer's read scope on a target form as a condition over <see cref="RootAlias"/>, its values registered.</summary>
    private string ScopeCondition(ReadScope scope)
    {
        if (!scope.CanRead) return " AND FALSE";
        if (scope.PredicateSql == "TRUE") return "";
        parameters.AddNamed(scope.PredicateParameters);
        return $" AND ({scope.PredicateSql})";
    }

    /// <summary>
    /// The title of the live record of the target form whose id is the text <paramref name="key"/> names, as a
    /// scalar subquery evaluated once per group. The form engine's rule for related titles holds: only a viewer who
    /// may read the target form and see its title field gets a title, and only for records within their read scope
    /// there; otherwise NULL. The scope predicate is written over <see cref="RootAlias"/>, so the subquery reads the
    /// target's records under that alias (it runs over the aggregated rows, where the outer alias is not in scope,
    /// and an inner alias shadows an outer one anyway).
    /// </summary>
    public Func<string, string> TitleOf((string App, string Form) target, ReadScope scope)
    {
        if (!scope.TitleReadable) return _ => "NULL::text";
        var (app, form) = (parameters.AddText(target.App), parameters.AddText(target.Form));
        var predicate = ScopeCondition(scope);
        var r = RootAlias;
        return key => $"(SELECT {r}.title FROM forms.records {r} WHERE {r}.id = {AsUuid(key)} AND {r}.app_key = {app} AND {r}.form_key = {form} AND {r}.deleted_at IS NULL{predicate})";
    }

    /// <summary>Text that names a record or person as a uuid, NULL when it is not one (a stored value of the wrong shape finds no name).</summary>
    public static string AsUuid(string text) =>
        $"CASE WHEN {text} ~* '^[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}$' THEN ({text})::uuid END";

    private static ResolvedField System(string path, string key, string alias, SourceSchema owner, string where)
    {
        var system = SystemFields.Find(key) ?? throw Unknown(path, where);
        var column = $"{alias}.{system.Column}";
        var text = system.Kind == FieldKind.DateTime ? $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')" : $"{column}::text";
        var field = new SourceField(key, system.Kind, system.Label);
        return new ResolvedField(path, field, system.Kind, text, $"to_jsonb({column})", owner.App, owner.Form, key) { Column = column };
    }

    private static ReportException Unknown(string path, string where) => new(where,
        $"Unknown field '{path}'.", $"未知字段“{path}”。");
}
