using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Platform.Reports.Sources;

namespace Platform.Reports.Projections;

/// <summary>One form field stored as a typed column of the projection.</summary>
internal sealed record ProjectedColumn(string FieldKey, FieldKind Kind, string Column, string SqlType)
{
    public bool IsText => SqlType == "text";
}

/// <summary>
/// The shape of a form's reporting projection: the live records of one form with the columns permission scopes
/// and common reports read (id, owner, department, partner, created_at) and one typed column per groupable scalar
/// field (numbers numeric, dates date, selects and checkboxes text, single members, departments, partners and
/// relations uuid). Everything else (text, multi-values, addresses, sub-tables) is read from forms.records by id.
/// Kept narrow on purpose: a scan of it is what makes a report as fast as a hand-written typed table.
/// </summary>
internal sealed partial class ProjectionLayout
{
    /// <summary>Columns of forms.records copied into every projection, under the same names.</summary>
    public static readonly IReadOnlyList<(string Column, string SqlType)> SystemColumns =
        [("id", "uuid"), ("owner_id", "uuid"), ("department_id", "uuid"), ("partner_id", "uuid"), ("created_at", "timestamptz")];

    private readonly Dictionary<string, ProjectedColumn> _fields;

    private ProjectionLayout(string app, string form, IReadOnlyList<ProjectedColumn> columns)
    {
        App = app;
        Form = form;
        Columns = columns;
        _fields = columns.ToDictionary(c => c.FieldKey);
        Table = TableName(app, form);
        Signature = Hash(string.Join(";", SystemColumns.Select(c => c.Column).Concat(columns.Select(c => $"{c.FieldKey}:{c.Column}:{c.SqlType}"))));
    }

    public string App { get; }
    public string Form { get; }
    public string Table { get; }
    public IReadOnlyList<ProjectedColumn> Columns { get; }

    /// <summary>Changes whenever a publish adds, removes or retypes a projected field, so the projection is rebuilt.</summary>
    public string Signature { get; }

    public string QualifiedTable => $"reports.\"{Table}\"";

    public ProjectedColumn? Field(string key) => _fields.GetValueOrDefault(key);

    public static bool IsSystemColumn(string column) => SystemColumns.Any(c => c.Column == column);

    public static ProjectionLayout For(SourceSchema schema)
    {
        var columns = new List<ProjectedColumn>();
        foreach (var field in schema.Fields)
        {
            if (!SafeKey().IsMatch(field.Key) || SqlTypeOf(field) is not { } type) continue;
            var name = $"f_{field.Key}";
            if (name.Length > 63) name = $"f{columns.Count}_{field.Key[..50]}";
            columns.Add(new ProjectedColumn(field.Key, field.Kind, name, type));
        }
        return new ProjectionLayout(schema.App, schema.Form, columns);
    }

    private static string? SqlTypeOf(SourceField field) => field.Kind switch
    {
        FieldKind.Number => "numeric",
        FieldKind.Date => "date",
        FieldKind.DateTime => "timestamptz",
        FieldKind.Select or FieldKind.Boolean => "text",
        // References are uuids (16 bytes against 37 as text): a narrower projection scans faster, and names join by
        // uuid. A stored value that is not a uuid projects as NULL, like a number or date of the wrong shape.
        FieldKind.Member or FieldKind.Department or FieldKind.Partner or FieldKind.Relation when !field.Multiple => "uuid",
        _ => null,
    };

    public string CreateTableSql()
    {
        var columns = SystemColumns.Select(c => c.Column == "id" ? "id uuid PRIMARY KEY" : $"{c.Column} {c.SqlType}{(c.Column == "created_at" ? " NOT NULL" : "")}")
            .Concat(Columns.Select(c => $"\"{c.Column}\" {c.SqlType}"));
        return $"CREATE TABLE {QualifiedTable} (\n  {string.Join(",\n  ", columns)}\n)";
    }

    /// <summary>Inserts the live records of <paramref name="source"/> (aliased n; $1 app, $2 form), optionally as an upsert.</summary>
    public string InsertSql(string source, bool upsert)
    {
        var names = SystemColumns.Select(c => c.Column).Concat(Columns.Select(c => $"\"{c.Column}\"")).ToList();
        var values = SystemColumns.Select(c => $"n.{c.Column}").Concat(Columns.Select(Extract));
        var sb = new StringBuilder($"INSERT INTO {QualifiedTable} ({string.Join(", ", names)})\n")
            .Append($"SELECT {string.Join(",\n  ", values)}\n")
            .Append($"FROM {source} n WHERE n.app_key = $1 AND n.form_key = $2 AND n.deleted_at IS NULL");
        if (upsert)
            sb.Append("\nON CONFLICT (id) DO UPDATE SET ").Append(string.Join(", ", names.Skip(1).Select(n => $"{n} = EXCLUDED.{n}")));
        return sb.ToString();
    }

    /// <summary>
    /// A typed value that never fails the record write: a stored value of the wrong shape projects as NULL
    /// (the JSONB path would have failed the report instead).
    /// </summary>
    private static string Extract(ProjectedColumn c)
    {
        var text = $"(n.data->>'{c.FieldKey}')";
        return c.SqlType switch
        {
            "numeric" => $"CASE WHEN jsonb_typeof(n.data->'{c.FieldKey}') = 'number' THEN {text}::numeric END",
            "date" => $"CASE WHEN {text} ~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}' THEN CASE WHEN substr({text}, 6, 2) BETWEEN '01' AND '12' " +
                      $"AND substr({text}, 9, 2) BETWEEN '01' AND '28' AND left({text}, 4) <> '0000' THEN left({text}, 10)::date ELSE reports.try_date({text}) END END",
            // Stored as UTC ISO-8601 by the form engine; anything without a valid date, time and offset projects as NULL.
            "timestamptz" => $"CASE WHEN {text} ~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{{1,6}})?)?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)$' " +
                             $"AND reports.try_date({text}) IS NOT NULL THEN {text}::timestamptz END",
            "uuid" => $"CASE WHEN {text} ~* '^[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}$' THEN {text}::uuid END",
            _ => text,
        };
    }

    private static string TableName(string app, string form)
    {
        var readable = Regex.Replace($"{app}_{form}".ToLowerInvariant(), "[^a-z0-9_]", "_");
        if (readable.Length > 40) readable = readable[..40];
        return $"p_{readable}_{Hash($"{app}\u001f{form}")[..8]}";
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex SafeKey();
}
