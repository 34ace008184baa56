namespace Platform.Forms.Queries;

/// <summary>Collects query parameters under generated names, so values never enter the SQL text.</summary>
internal sealed class SqlParameters
{
    private readonly Dictionary<string, object?> _values = [];

    public IReadOnlyDictionary<string, object?> Values => _values;

    public string Add(object? value)
    {
        var name = $"q{_values.Count}";
        _values[name] = value;
        return "@" + name;
    }

    public void AddRange(IReadOnlyDictionary<string, object?> values)
    {
        foreach (var (k, v) in values) _values[k] = v;
    }

    public static string Like(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
