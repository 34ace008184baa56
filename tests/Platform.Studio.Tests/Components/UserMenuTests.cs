using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using Platform.Studio.Components.Layout;

namespace Platform.Studio.Tests.Components;

public sealed class UserMenuTests : StudioComponentContext
{
    [Fact]
    public void Signed_in_user_sees_their_name_and_a_sign_out_form_posting_with_antiforgery()
    {
        AddAuthorization().SetAuthorized("张经理");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/apps/crm?view=2");

        var menu = Render<UserMenu>();

        Assert.Contains("张经理", menu.Find(".user-name").TextContent);
        var form = menu.Find("form");
        Assert.Equal("/account/signout", form.GetAttribute("action"));
        Assert.NotNull(menu.Find("input[name=__RequestVerificationToken]"));
        Assert.Equal("退出登录", menu.Find("button[type=submit]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Anonymous_visitors_see_nothing()
    {
        AddAuthorization();

        var menu = Render<UserMenu>();

        Assert.Empty(menu.FindAll("form"));
    }

    [Fact]
    public void Language_links_return_to_the_current_page()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/apps/crm?view=2");

        Assert.Equal("/culture/en?returnUrl=%2Fapps%2Fcrm%3Fview%3D2", LanguageSwitch.Url("en", navigation));
    }
}
