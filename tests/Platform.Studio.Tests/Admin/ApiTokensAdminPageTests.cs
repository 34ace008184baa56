using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Identity;
using Platform.Studio.Components.Admin;

namespace Platform.Studio.Tests.Admin;

public sealed class ApiTokensAdminPageTests(AdminFixture fixture) : AdminComponentContext(fixture), IClassFixture<AdminFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_page_lists_another_users_token_with_its_owner_and_revoking_it_takes_effect()
    {
        var owner = await Fixture.CreateUserAsync($"owner-{Guid.NewGuid():N}@example.com");
        var created = await Fixture.InScopeAsync(sp => sp.GetRequiredService<IApiTokens>().CreateAsync(owner.UserId, "页面令牌", 90, CancellationToken.None));
        Services.AddSingleton(Fixture.Get<TimeProvider>());

        var page = Render<ApiTokensAdminPage>();
        var selector = $".admin-token-row[data-id='{created.Token.Id}']";
        page.WaitForAssertion(() => Assert.Contains(owner.DisplayName, page.Find(selector + " .admin-token-owner").TextContent), Wait);
        Assert.Equal("页面令牌", page.Find(selector + " .admin-token-name").TextContent);
        Assert.Equal("从未使用", page.Find(selector + " .admin-token-used").TextContent.Trim());

        page.Find(selector + " button.admin-token-revoke").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(selector)), Wait);
        var validation = await Fixture.InScopeAsync(sp => sp.GetRequiredService<IApiTokens>().ValidateAsync(created.Secret, CancellationToken.None));
        Assert.Equal(ApiTokenStatus.Revoked, validation.Status);
    }
}
