using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Identity;
using Platform.Core.Organization;

namespace Platform.Core.Tests.Identity;

public sealed class FirstAdministratorTests(IdentityFixture db) : IClassFixture<IdentityFixture>
{
    private Task<FirstAdministratorResult> EnsureAsync(string? email, string? password) =>
        db.InScopeAsync(sp => sp.GetRequiredService<IFirstAdministrator>().EnsureAsync(email, password, CancellationToken.None));

    [Fact]
    public async Task First_start_creates_an_administrator_once_with_a_generated_password()
    {
        var first = await EnsureAsync(null, null);
        var second = await EnsureAsync("someone@example.com", "Other-pass-123");

        Assert.True(first.Created);
        Assert.Equal("admin@localhost", first.Email);
        Assert.True(first.GeneratedPassword!.Length >= 16);
        Assert.Equal(new FirstAdministratorResult(false, "admin@localhost", null), second);

        var check = await db.InScopeAsync(sp =>
            sp.GetRequiredService<IPasswordSignIn>().CheckAsync("admin@localhost", first.GeneratedPassword, CancellationToken.None));
        Assert.True(check.Succeeded);
        var context = await db.Services.GetRequiredService<IOrgDirectory>().GetUserContextAsync(check.User!.Id, CancellationToken.None);
        Assert.True(context!.IsAdministrator);
    }
}
