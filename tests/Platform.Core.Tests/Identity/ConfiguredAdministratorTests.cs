using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Identity;

namespace Platform.Core.Tests.Identity;

public sealed class ConfiguredAdministratorTests(IdentityFixture db) : IClassFixture<IdentityFixture>
{
    [Fact]
    public async Task Configured_email_and_password_are_used_for_unattended_installs()
    {
        var result = await db.InScopeAsync(sp => sp.GetRequiredService<IFirstAdministrator>()
            .EnsureAsync("ops@example.com", "Unattended-42", CancellationToken.None));

        Assert.Equal(new FirstAdministratorResult(true, "ops@example.com", null), result);
        var check = await db.InScopeAsync(sp =>
            sp.GetRequiredService<IPasswordSignIn>().CheckAsync("ops@example.com", "Unattended-42", CancellationToken.None));
        Assert.True(check.Succeeded);
    }
}
