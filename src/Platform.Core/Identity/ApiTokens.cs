using Microsoft.EntityFrameworkCore;
using Platform.Core.Organization;

namespace Platform.Core.Identity;

/// <summary>A token as its owner sees it; the secret is never shown again after creation.</summary>
public sealed record ApiTokenInfo(
    Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

/// <summary>A freshly created token with its secret, shown once.</summary>
public sealed record CreatedApiToken(ApiTokenInfo Token, string Secret);

/// <summary>Why a presented token was accepted or refused.</summary>
public enum ApiTokenStatus { Valid, Unknown, Revoked, Expired, UserDisabled }

public sealed record ApiTokenValidation(ApiTokenStatus Status, Guid? UserId);

/// <summary>Creates, lists, revokes and validates personal API tokens.</summary>
public interface IApiTokens
{
    const int MaxNameLength = 100;
    const int MaxLifetimeDays = 3650;

    /// <summary>Creates a token; <paramref name="expiresInDays"/> null means it never expires.</summary>
    Task<CreatedApiToken> CreateAsync(Guid userId, string name, int? expiresInDays, CancellationToken ct);

    Task<IReadOnlyList<ApiTokenInfo>> ListAsync(Guid userId, CancellationToken ct);

    /// <summary>Revokes one of the user's tokens; false when the user has no such token.</summary>
    Task<bool> RevokeAsync(Guid userId, Guid tokenId, CancellationToken ct);

    /// <summary>Checks a presented secret and records its use.</summary>
    Task<ApiTokenValidation> ValidateAsync(string secret, CancellationToken ct);
}

internal sealed class ApiTokenService(IdentityDb db, TimeProvider time) : IApiTokens
{
    private const int MaxNameLength = IApiTokens.MaxNameLength;
    private const int MaxLifetimeDays = IApiTokens.MaxLifetimeDays;

    public async Task<CreatedApiToken> CreateAsync(Guid userId, string name, int? expiresInDays, CancellationToken ct)
    {
        name = name.Trim();
        if (name.Length is 0 or > MaxNameLength)
            throw new OrganizationException("token.name", $"A token needs a name of 1 to {MaxNameLength} characters.",
                $"令牌名称须为 1 到 {MaxNameLength} 个字符。");
        if (expiresInDays is < 1 or > MaxLifetimeDays)
            throw new OrganizationException("token.expiry", $"Expiry must be between 1 and {MaxLifetimeDays} days.",
                $"有效期须在 1 到 {MaxLifetimeDays} 天之间。");

        if (!await db.Users.AnyAsync(u => u.Id == userId && !u.IsDisabled, ct))
            throw new OrganizationException("user.missing", "The user does not exist or is disabled.", "用户不存在或已停用。");

        var now = time.GetUtcNow();
        var secret = ApiTokenSecret.Generate();
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Name = name,
            Prefix = ApiTokenSecret.DisplayPrefix(secret),
            SecretHash = ApiTokenSecret.Hash(secret),
            CreatedAt = now,
            ExpiresAt = expiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new CreatedApiToken(ToInfo(token), secret);
    }

    public async Task<IReadOnlyList<ApiTokenInfo>> ListAsync(Guid userId, CancellationToken ct)
    {
        var tokens = await db.ApiTokens.AsNoTracking()
            .Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
        return tokens.Select(ToInfo).ToList();
    }

    public async Task<bool> RevokeAsync(Guid userId, Guid tokenId, CancellationToken ct)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct);
        if (token is null) return false;
        token.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<ApiTokenValidation> ValidateAsync(string secret, CancellationToken ct)
    {
        if (!ApiTokenSecret.LooksLikeToken(secret)) return new(ApiTokenStatus.Unknown, null);
        var hash = ApiTokenSecret.Hash(secret);
        var found = await (from t in db.ApiTokens
                           join u in db.Users on t.UserId equals u.Id
                           where t.SecretHash == hash
                           select new { Token = t, u.IsDisabled }).SingleOrDefaultAsync(ct);
        if (found is null) return new(ApiTokenStatus.Unknown, null);

        var now = time.GetUtcNow();
        var token = found.Token;
        if (token.RevokedAt is not null) return new(ApiTokenStatus.Revoked, token.UserId);
        if (token.ExpiresAt <= now) return new(ApiTokenStatus.Expired, token.UserId);
        if (found.IsDisabled) return new(ApiTokenStatus.UserDisabled, token.UserId);

        // Recording every request would turn reads into writes; a minute's precision is enough.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return new(ApiTokenStatus.Valid, token.UserId);
    }

    private static ApiTokenInfo ToInfo(ApiToken t) =>
        new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt);
}
