using Bunit;
using Platform.Studio.Components.Layout;
using Platform.Studio.Localization;

namespace Platform.Studio.Tests.Components;

public sealed class SignInFormTests : StudioComponentContext
{
    [Theory]
    [InlineData("invalid", "邮箱或密码错误")]
    [InlineData("locked", "账户已锁定")]
    [InlineData("disabled", "已停用")]
    [InlineData("something-else", "邮箱或密码错误")]
    public void Each_failure_shows_its_own_chinese_message(string error, string expected)
    {
        var form = Render<SignInForm>(p => p.Add(x => x.Error, error).Add(x => x.Email, "a@b.c"));

        Assert.Contains(expected, form.Find(".signin-error").TextContent);
    }

    [Fact]
    public void No_error_shows_no_alert_and_the_form_posts_to_the_sign_in_endpoint_with_antiforgery()
    {
        var form = Render<SignInForm>(p => p.Add(x => x.ReturnUrl, "/apps/crm"));

        Assert.Empty(form.FindAll(".signin-error"));
        var html = form.Find("form");
        Assert.Equal("/account/signin", html.GetAttribute("action"));
        Assert.Equal("post", html.GetAttribute("method"));
        Assert.Equal("/apps/crm", form.Find("input[name=returnUrl]").GetAttribute("value"));
        Assert.NotNull(form.Find("input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public void English_culture_shows_english_text_and_keeps_the_typed_email()
    {
        UseCulture(StudioCultures.English);

        var form = Render<SignInForm>(p => p.Add(x => x.Error, "invalid").Add(x => x.Email, "bob@example.com"));

        Assert.Contains("The e-mail or password is wrong", form.Find(".signin-error").TextContent);
        Assert.Equal("bob@example.com", form.Find("input[name=email]").GetAttribute("value"));
        Assert.Contains("Sign in", form.Find("button[type=submit]").TextContent);
    }

    [Fact]
    public void Language_links_come_back_to_sign_in_with_the_return_url()
    {
        var form = Render<SignInForm>(p => p.Add(x => x.ReturnUrl, "/x"));

        var english = form.FindAll(".signin-languages a").Single(a => a.TextContent == "English");
        Assert.Equal("/culture/en?returnUrl=%2Fsignin%3FreturnUrl%3D%252Fx", english.GetAttribute("href"));
    }
}
