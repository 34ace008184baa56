using Bunit;
using Platform.Core.Identity;
using Platform.Studio.Components.Account;

namespace Platform.Studio.Tests.Components;

public sealed class TokenTableTests : StudioComponentContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static ApiTokenInfo Token(string name, DateTimeOffset? expires, DateTimeOffset? revoked = null) =>
        new(Guid.NewGuid(), name, "plt_abc123", Now.AddDays(-10), expires, revoked, null);

    [Fact]
    public void States_are_worked_out_from_revocation_first_then_expiry()
    {
        Assert.Equal(TokenState.Active, MyApiTokens.StateOf(Token("a", Now.AddSeconds(1)), Now));
        Assert.Equal(TokenState.Active, MyApiTokens.StateOf(Token("never", null), Now));
        Assert.Equal(TokenState.Expired, MyApiTokens.StateOf(Token("b", Now), Now));
        Assert.Equal(TokenState.Revoked, MyApiTokens.StateOf(Token("c", Now.AddDays(-1), revoked: Now.AddDays(-2)), Now));
    }

    [Fact]
    public void Only_active_tokens_offer_revoke_and_clicking_it_reports_that_token()
    {
        var active = Token("部署脚本", Now.AddDays(5));
        ApiTokenInfo? revoked = null;
        var table = Render<TokenTable>(p => p
            .Add(x => x.Tokens, [active, Token("旧的", Now.AddDays(-1)), Token("停用", null, Now.AddDays(-3))])
            .Add(x => x.Now, Now)
            .Add(x => x.OnRevoke, (ApiTokenInfo t) => revoked = t));

        Assert.Equal(["有效", "已过期", "已撤销"], table.FindAll(".token-state").Select(c => c.TextContent.Trim()));
        var buttons = table.FindAll(".token-revoke");
        Assert.Single(buttons);
        buttons[0].Click();
        Assert.Equal(active, revoked);
    }

    [Fact]
    public void No_tokens_says_so()
    {
        var table = Render<TokenTable>(p => p.Add(x => x.Tokens, []).Add(x => x.Now, Now));

        Assert.Equal("还没有令牌。", table.Find(".no-tokens").TextContent);
    }
}
