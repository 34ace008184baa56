namespace Platform.Forms.Queries;

/// <summary>SQL and parameters of a list query; <see cref="SortKey"/> is set when it pages by keyset.</summary>
internal sealed record CompiledQuery(string Sql, IReadOnlyDictionary<string, object?> Parameters, string? CountSql, string? SortKey, bool Keyset, bool NullsPhase, int PageSize);
