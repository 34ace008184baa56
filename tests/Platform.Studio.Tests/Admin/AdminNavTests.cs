using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Studio.Admin;
using Platform.Studio.Components.Admin;
using Platform.Studio.Localization;
using Platform.Studio.Tests.Components;

namespace Platform.Studio.Tests.Admin;

public sealed class AdminNavTests : StudioComponentContext
{
    public AdminNavTests() => Services.AddSingleton<IStudioTextSource, AdminTexts>();

    [Fact]
    public void Administrators_see_the_admin_menu_with_every_page()
    {
        AddAuthorization().SetAuthorized("root").SetPolicies(AdminPolicy.Name);

        var nav = Render<AdminNav>();

        Assert.Single(nav.FindAll(".nav-admin"));
        Assert.Contains("审计日志", nav.Markup);
        foreach (var href in new[] { "/admin/users", "/admin/departments", "/admin/partners", "/admin/roles", "/admin/incidents", "/admin/audit", "/admin/apps" })
            Assert.Contains($"href=\"{href}\"", nav.Markup);
    }

    [Fact]
    public void Other_users_get_no_admin_menu()
    {
        AddAuthorization().SetAuthorized("sales");

        var nav = Render<AdminNav>();

        Assert.Empty(nav.FindAll(".nav-admin"));
        Assert.DoesNotContain("/admin/", nav.Markup);
    }
}
