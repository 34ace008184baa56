using System.Text.RegularExpressions;
using Platform.Reports.Definitions;
using Platform.Reports.Sources;

namespace Platform.Reports.Compilation;

/// <summary>
/// Turns field paths into SQL over <c>forms.records r</c>: root fields, sub-table line fields (<c>lines.product</c>,
/// read from the unnested line <c>ln.v</c>), relation hops (<c>customer.industry</c>, joining the related record),
/// address parts (<c>address.city</c>) and system columns (<c>$owner</c>). Every key is checked against the
/// definitions before it reaches SQL, and only keys of a safe shape are ever written into the statement.
/// </summary>
internal sealed partial class FieldResolver(SchemaSet schemas, ReportSource source, JoinSet joins, SqlParameters parameters)
{
    public const string RootAlias = "r";
    public const string LineAlias = "ln";
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
            return segments.Length == 1 ? System(path, segments[0], RootAlias, root, where) : throw Unknown(path, where);

        var first = root.Field(segments[0]) ?? throw Unknown(path, where);
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
        return Walk(path, segments, 0, first, $"{RootAlias}.data", root, first.Key, where);
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
        if (field.Kind != FieldKind.Relation || field.Multiple || field.Relation is not { } target)
            throw Unknown(path, where);

        var related = schemas.Find(target.App, target.Form) ?? throw Unknown(path, where);
        var alias = RelatedRecord(textSql, target);
        if (next.StartsWith('_'))
            return index + 2 == segments.Length ? System(path, next, alias, related, where) : throw Unknown(path, where);
        var nextField = related.Field(next) ?? throw Unknown(path, where);
        if (nextField.Kind == FieldKind.SubTable) throw Unknown(path, where);
        return Walk(path, segments, index + 1, nextField, $"{alias}.data", related, nextField.Key, where);
    }

    /// <summary>Joins the record a relation points at (live records of the target form only) and returns its alias.</summary>
    public string RelatedRecord(string idTextSql, (string App, string Form) target) =>
        joins.Get($"rel:{idTextSql}", "j", alias =>
            $"LEFT JOIN forms.records {alias} ON {alias}.id = ({idTextSql})::uuid AND {alias}.app_key = {parameters.AddText(target.App)} " +
            $"AND {alias}.form_key = {parameters.AddText(target.Form)} AND {alias}.deleted_at IS NULL");

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
