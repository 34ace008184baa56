namespace Platform.Forms.Permissions;

/// <summary>A parameterized SQL condition; parameter names are unique to it so it can be combined with other SQL.</summary>
public sealed record SqlPredicate(string Sql, IReadOnlyDictionary<string, object?> Parameters)
{
    public static SqlPredicate True { get; } = new("TRUE", new Dictionary<string, object?>());
    public static SqlPredicate False { get; } = new("FALSE", new Dictionary<string, object?>());
}
