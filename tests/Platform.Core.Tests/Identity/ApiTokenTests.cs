using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Core.Identity;
using Platform.Core.Organization;

namespace Platform.Core.Tests.Identity;

public sealed class ApiTokenTests(IdentityFixture db) : IClassFixture<IdentityFixture>
{
    private Task<T> Tokens<T>(Func<IApiTokens, Task<T>> action) =>
        db.InScopeAsync(sp => action(sp.GetRequiredService<IApiTokens>()));

    [Fact]
    public async Task A_new_token_authenticates_its_user_and_only_its_hash_is_stored()
    {
        var user = await db.CreateUserAsync("tom");

        var created = await Tokens(t => t.CreateAsync(user, "ci script", 30, CancellationToken.None));
        var check = await Tokens(t => t.ValidateAsync(created.Secret, CancellationToken.None));

        Assert.StartsWith("plt_", created.Secret);
        Assert.Equal(new ApiTokenValidation(ApiTokenStatus.Valid, user), check);
        Assert.Equal(db.Clock.GetUtcNow().AddDays(30), created.Token.ExpiresAt);
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        var stored = await conn.QuerySingleAsync<string>(
            "SELECT encode(secret_hash, 'hex') || prefix FROM identity.api_tokens WHERE id = @id", new { id = created.Token.Id });
        Assert.DoesNotContain(created.Secret, stored);
        Assert.DoesNotContain(created.Secret[4..], stored);
    }

    [Fact]
    public async Task Revoked_token_is_refused()
    {
        var user = await db.CreateUserAsync("ruth");
        var created = await Tokens(t => t.CreateAsync(user, "laptop", 30, CancellationToken.None));

        Assert.True(await Tokens(t => t.RevokeAsync(user, created.Token.Id, CancellationToken.None)));

        var check = await Tokens(t => t.ValidateAsync(created.Secret, CancellationToken.None));
        Assert.Equal(ApiTokenStatus.Revoked, check.Status);
        var listed = Assert.Single(await Tokens(t => t.ListAsync(user, CancellationToken.None)));
        Assert.NotNull(listed.RevokedAt);
    }

    [Fact]
    public async Task Someone_else_cannot_revoke_my_token()
    {
        var owner = await db.CreateUserAsync("owner");
        var other = await db.CreateUserAsync("other");
        var created = await Tokens(t => t.CreateAsync(owner, "mine", 30, CancellationToken.None));

        Assert.False(await Tokens(t => t.RevokeAsync(other, created.Token.Id, CancellationToken.None)));
        Assert.Equal(ApiTokenStatus.Valid, (await Tokens(t => t.ValidateAsync(created.Secret, CancellationToken.None))).Status);
    }

    [Fact]
    public async Task Token_is_refused_once_it_expires()
    {
        var user = await db.CreateUserAsync("eve");
        var created = await Tokens(t => t.CreateAsync(user, "short", 1, CancellationToken.None));

        db.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(ApiTokenStatus.Valid, (await Tokens(t => t.ValidateAsync(created.Secret, CancellationToken.None))).Status);
        db.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(ApiTokenStatus.Expired, (await Tokens(t => t.ValidateAsync(created.Secret, CancellationToken.None))).Status);
    }

    [Fact]
    public async Task Token_of_a_disabled_user_is_refused()
    {
        var user = await db.CreateUserAsync("dora");
        var created = await Tokens(t => t.CreateAsync(user, "old", null, CancellationToken.None));

        await db.InScopeAsync(sp => db.Admin(sp).SetDisabledAsync(user, true, CancellationToken.None));

        Assert.Equal(ApiTokenStatus.UserDisabled, (await Tokens(t => t.ValidateAsync(created.Secret, CancellationToken.None))).Status);
    }

    [Theory]
    [InlineData("plt_doesnotexist")]
    [InlineData("not-a-token")]
    [InlineData("")]
    public async Task Unknown_or_malformed_secrets_are_refused(string secret)
    {
        var check = await Tokens(t => t.ValidateAsync(secret, CancellationToken.None));
        Assert.Equal(new ApiTokenValidation(ApiTokenStatus.Unknown, null), check);
    }

    [Fact]
    public async Task Use_is_recorded_and_tokens_are_listed_newest_first()
    {
        var user = await db.CreateUserAsync("lily");
        var first = await Tokens(t => t.CreateAsync(user, "first", 10, CancellationToken.None));
        db.Clock.Advance(TimeSpan.FromMinutes(5));
        await Tokens(t => t.CreateAsync(user, "second", 10, CancellationToken.None));
        await Tokens(t => t.ValidateAsync(first.Secret, CancellationToken.None));

        var list = await Tokens(t => t.ListAsync(user, CancellationToken.None));

        Assert.Equal(["second", "first"], list.Select(t => t.Name));
        Assert.Equal(db.Clock.GetUtcNow(), list[1].LastUsedAt);
    }

    [Theory]
    [InlineData("", 10)]
    [InlineData("ok", 0)]
    [InlineData("ok", 5000)]
    public async Task Bad_name_or_expiry_is_refused_with_a_clear_message(string name, int days)
    {
        var user = await db.CreateUserAsync("vic");
        var error = await Assert.ThrowsAsync<OrganizationException>(() =>
            Tokens(t => t.CreateAsync(user, name, days, CancellationToken.None)));
        Assert.StartsWith("token.", error.Code);
        Assert.NotEmpty(error.MessageZh);
    }
}
