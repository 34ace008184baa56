using Dapper;
using Npgsql;
using Platform.Core.Identity;
using Platform.Core.Organization;

namespace Platform.Studio.Admin;

/// <summary>An API token with its owner, as administrators see it; the secret itself is never stored.</summary>
public sealed record OwnedApiToken(
    Guid Id, Guid OwnerId, string OwnerName, string? OwnerEmail, string Name, string Prefix,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    public ApiTokenInfo Info => new(Id, Name, Prefix, CreatedAt, ExpiresAt, RevokedAt, LastUsedAt);
}

public sealed record TokenPage(IReadOnlyList<OwnedApiToken> Items, int Total);

/// <summary>
/// Every user's API tokens for administrators: list (by owner or token name) and revoke. Revoking goes through the
/// identity token service and is audited with the owner and the token's name.
/// </summary>
public sealed class TokenAdministration(AdminScope admin, NpgsqlDataSource db, TimeProvider time)
{
    public Task<TokenPage> ListAsync(UserContext actor, string? search, bool includeInactive, int skip, int take, CancellationToken ct) =>
        admin.ReadAsync(actor, async _ =>
        {
            var like = string.IsNullOrWhiteSpace(search) ? null : "%" + search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            var where = """
                (@like::text IS NULL OR u.display_name ILIKE @like OR u.email ILIKE @like OR t.name ILIKE @like OR t.prefix ILIKE @like)
                AND (@all OR (t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > @now)))
                """;
            var args = new { like, all = includeInactive, now = time.GetUtcNow(), skip = Math.Max(0, skip), take = Math.Clamp(take, 1, 200) };
            await using var conn = await db.OpenConnectionAsync(ct);
            var rows = await conn.QueryAsync<Row>(new CommandDefinition($"""
                SELECT t.id AS Id, t.user_id AS OwnerId, u.display_name AS OwnerName, u.email AS OwnerEmail, t.name AS Name, t.prefix AS Prefix,
                       t.created_at AS CreatedAt, t.expires_at AS ExpiresAt, t.revoked_at AS RevokedAt, t.last_used_at AS LastUsedAt
                FROM identity.api_tokens t JOIN identity.users u ON u.id = t.user_id
                WHERE {where}
                ORDER BY t.created_at DESC, t.id OFFSET @skip LIMIT @take
                """, args, cancellationToken: ct));
            var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition($"""
                SELECT count(*) FROM identity.api_tokens t JOIN identity.users u ON u.id = t.user_id WHERE {where}
                """, args, cancellationToken: ct));
            return new TokenPage(rows.Select(r => r.ToToken()).ToList(), total);
        });

    /// <summary>Revokes any user's token; false when it does not exist (nothing audited then).</summary>
    public Task<bool> RevokeAsync(UserContext actor, OwnedApiToken token, CancellationToken ct) =>
        admin.RunAsync(actor, sp => sp.GetRequiredService<IApiTokens>().RevokeAsync(token.OwnerId, token.Id, ct),
            revoked => revoked
                ? AdminScope.Event(actor, "token.revoked", token.OwnerEmail ?? token.OwnerName, $"token: {token.Name} ({token.Prefix}…); owner: {token.OwnerName}")
                : null,
            ct);

    /// <summary>Npgsql hands timestamptz to Dapper as UTC DateTime; the record wants DateTimeOffset.</summary>
    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid OwnerId { get; init; }
        public string OwnerName { get; init; } = "";
        public string? OwnerEmail { get; init; }
        public string Name { get; init; } = "";
        public string Prefix { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public DateTime? ExpiresAt { get; init; }
        public DateTime? RevokedAt { get; init; }
        public DateTime? LastUsedAt { get; init; }

        public OwnedApiToken ToToken() => new(Id, OwnerId, OwnerName, OwnerEmail, Name, Prefix, Utc(CreatedAt), UtcOrNull(ExpiresAt), UtcOrNull(RevokedAt), UtcOrNull(LastUsedAt));

        private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
        private static DateTimeOffset? UtcOrNull(DateTime? t) => t is { } v ? Utc(v) : null;
    }
}
