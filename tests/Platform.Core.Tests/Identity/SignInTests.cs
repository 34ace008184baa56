using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Identity;

namespace Platform.Core.Tests.Identity;

public sealed class SignInTests(IdentityFixture db) : IClassFixture<IdentityFixture>
{
    private const string Password = "Correct-horse-9";

    private Task<PasswordCheck> CheckAsync(string login, string password) =>
        db.InScopeAsync(sp => sp.GetRequiredService<IPasswordSignIn>().CheckAsync(login, password, CancellationToken.None));

    private Task<string> EmailOfAsync(Guid id) =>
        db.InScopeAsync(async sp => (await sp.GetRequiredService<UserManager<PlatformUser>>().FindByIdAsync(id.ToString()))!.Email!);

    [Fact]
    public async Task Right_password_signs_in_by_email_or_user_name()
    {
        var email = await EmailOfAsync(await db.CreateUserAsync("alice", Password));

        var byEmail = await CheckAsync(email.ToUpperInvariant(), Password);
        var byName = await CheckAsync(email, Password);

        Assert.Equal(PasswordCheckStatus.Succeeded, byEmail.Status);
        Assert.Equal(email, byEmail.User!.Email);
        Assert.True(byName.Succeeded);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_refusal()
    {
        var email = await EmailOfAsync(await db.CreateUserAsync("bob", Password));

        var wrong = await CheckAsync(email, "not-the-password");
        var unknown = await CheckAsync("nobody@example.com", Password);

        Assert.Equal(PasswordCheckStatus.InvalidCredentials, wrong.Status);
        Assert.Null(wrong.User);
        Assert.Equal(PasswordCheckStatus.InvalidCredentials, unknown.Status);
    }

    [Fact]
    public async Task Passwords_are_stored_hashed()
    {
        var id = await db.CreateUserAsync("carol", Password);
        var hash = await db.InScopeAsync(async sp =>
            (await sp.GetRequiredService<UserManager<PlatformUser>>().FindByIdAsync(id.ToString()))!.PasswordHash!);
        Assert.DoesNotContain(Password, hash);
        Assert.True(hash.Length > 40);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        var email = await EmailOfAsync(await db.CreateUserAsync("dave", Password));

        for (var i = 0; i < 4; i++)
            Assert.Equal(PasswordCheckStatus.InvalidCredentials, (await CheckAsync(email, "wrong")).Status);
        var fifth = await CheckAsync(email, "wrong");
        var afterwards = await CheckAsync(email, Password);

        Assert.Equal(PasswordCheckStatus.LockedOut, fifth.Status);
        Assert.Equal(PasswordCheckStatus.LockedOut, afterwards.Status);
        Assert.True(afterwards.LockedOutUntil > DateTimeOffset.UtcNow.AddMinutes(10));
    }

    [Fact]
    public async Task A_success_resets_the_failure_count()
    {
        var email = await EmailOfAsync(await db.CreateUserAsync("erin", Password));
        for (var i = 0; i < 4; i++) await CheckAsync(email, "wrong");
        Assert.True((await CheckAsync(email, Password)).Succeeded);

        for (var i = 0; i < 4; i++) await CheckAsync(email, "wrong");
        Assert.True((await CheckAsync(email, Password)).Succeeded);
    }

    [Fact]
    public async Task Disabled_user_cannot_sign_in()
    {
        var id = await db.CreateUserAsync("frank", Password);
        await db.InScopeAsync(sp => db.Admin(sp).SetDisabledAsync(id, true, CancellationToken.None));

        var check = await CheckAsync(await EmailOfAsync(id), Password);

        Assert.Equal(PasswordCheckStatus.Disabled, check.Status);
    }

    [Fact]
    public async Task Password_reset_by_an_admin_unlocks_and_replaces_the_password()
    {
        var id = await db.CreateUserAsync("gina", Password);
        var email = await EmailOfAsync(id);
        for (var i = 0; i < 5; i++) await CheckAsync(email, "wrong");

        await db.InScopeAsync(sp => db.Admin(sp).ResetPasswordAsync(id, "Brand-new-pass-2", CancellationToken.None));

        Assert.Equal(PasswordCheckStatus.InvalidCredentials, (await CheckAsync(email, Password)).Status);
        Assert.True((await CheckAsync(email, "Brand-new-pass-2")).Succeeded);
    }
}
