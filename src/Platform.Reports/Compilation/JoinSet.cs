namespace Platform.Reports.Compilation;

/// <summary>The joins a compiled query needs, each added once however many fields use it.</summary>
internal sealed class JoinSet
{
    private readonly Dictionary<string, string> _aliases = [];
    private readonly List<string> _clauses = [];

    public IReadOnlyList<string> Clauses => _clauses;

    /// <summary>Returns the alias of the join identified by <paramref name="identity"/>, adding it with <paramref name="clause"/> the first time.</summary>
    public string Get(string identity, string prefix, Func<string, string> clause)
    {
        if (_aliases.TryGetValue(identity, out var alias)) return alias;
        alias = $"{prefix}{_aliases.Count}";
        _aliases[identity] = alias;
        _clauses.Add(clause(alias));
        return alias;
    }
}
