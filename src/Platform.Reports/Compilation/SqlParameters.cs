using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Reports.Compilation;

/// <summary>Collects the values of one statement and hands out their placeholders; no value is ever spliced into SQL.</summary>
internal sealed class SqlParameters
{
    private readonly List<NpgsqlParameter> _items = [];
    private readonly List<string> _named = [];

    public IReadOnlyList<NpgsqlParameter> Items => _items;

    public string Add(object? value, NpgsqlDbType? type = null)
    {
        var name = $"p{_items.Count}";
        var parameter = type is { } t
            ? new NpgsqlParameter(name, t) { Value = value ?? DBNull.Value }
            : new NpgsqlParameter(name, value ?? DBNull.Value);
        _items.Add(parameter);
        return "@" + name;
    }

    /// <summary>Adds parameters that come with their own unique names (a permission predicate's).</summary>
    public void AddNamed(IReadOnlyDictionary<string, object?> values)
    {
        foreach (var (name, value) in values)
            if (_items.All(p => p.ParameterName != name))
            {
                _items.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
                _named.Add(name);
            }
    }

    /// <summary>
    /// The statement with the named parameters renamed by the order they were added. A permission predicate's names
    /// are random per call, so without this two runs of the same report by the same viewer would never share a
    /// cache entry; the values still go into <see cref="Fingerprint"/>.
    /// </summary>
    public string StableSql(string sql)
    {
        for (var i = 0; i < _named.Count; i++)
            sql = Regex.Replace(sql, "@" + Regex.Escape(_named[i]) + "(?![A-Za-z0-9_])", $"@named{i}");
        return sql;
    }

    public string AddText(string value) => Add(value, NpgsqlDbType.Text);

    public string AddTextArray(IReadOnlyList<string> values) => Add(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);

    /// <summary>A stable fingerprint of the values, for cache keys.</summary>
    public string Fingerprint() => string.Join("\u001f", _items.Select(p => p.Value switch
    {
        Array a => string.Join("\u001e", a.Cast<object?>()),
        var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
    }));
}
