using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Forms.Apps;
using Platform.Forms.Definitions;
using Platform.Packages.Format;
using LocalizedText = Platform.Forms.Definitions.LocalizedText;
using Platform.Packages.Install;
using Platform.Studio.Admin;
using Platform.Studio.Components.Admin;

namespace Platform.Studio.Tests.Admin;

public sealed class AdminPagesTests(AdminFixture fixture) : AdminComponentContext(fixture), IClassFixture<AdminFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Inviting_from_the_users_page_shows_the_password_once_and_it_signs_the_new_user_in()
    {
        await EnsureRoleAsync("clerk", "文员");
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => page.Find(".users-table"));

        page.Find("button.users-invite").Click();
        page.WaitForAssertion(() => page.Find(".user-editor"));
        Assert.True(page.FindAll(".user-name input").Count == 1, page.Find(".user-editor").OuterHtml);
        page.Find(".user-name input").Change("赵文员");
        page.Find(".user-email input").Change("zhao@invite-page.cn");
        page.Find(".user-role-clerk input").Change(true);
        page.Find("button.user-save").Click();

        page.WaitForAssertion(() => page.Find(".users-password-value"), TimeSpan.FromSeconds(30));
        Assert.Contains("zhao@invite-page.cn", page.Find(".users-password").TextContent);
        var password = page.Find(".users-password-value").TextContent;
        var check = await Fixture.InScopeAsync(sp => sp.GetRequiredService<IPasswordSignIn>().CheckAsync("zhao@invite-page.cn", password, Ct));
        Assert.True(check.Succeeded);
        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".users-row"), r => r.GetAttribute("data-email") == "zhao@invite-page.cn"));
        Assert.Contains("文员", page.FindAll(".users-row").Single(r => r.GetAttribute("data-email") == "zhao@invite-page.cn").TextContent);
    }

    [Fact]
    public async Task An_invalid_invite_shows_the_reason_in_chinese_beside_the_form()
    {
        await Fixture.CreateUserAsync("taken@invite-page.cn");
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => page.Find(".users-table"));

        page.Find("button.users-invite").Click();
        page.Find(".user-email input").Change("taken@invite-page.cn");
        page.Find("button.user-save").Click();

        page.WaitForAssertion(() => Assert.Contains("该邮箱已被使用", page.Find(".user-error").TextContent), TimeSpan.FromSeconds(30));
        Assert.Empty(page.FindAll(".users-password"));
    }

    [Fact]
    public async Task Ticking_actions_in_the_role_matrix_publishes_the_grant_for_that_role()
    {
        await EnsureRoleAsync("reader", "只读用户");
        var definitions = Fixture.Get<IFormDefinitions>();
        await definitions.SaveAppAsync(new AppInfo("matrix_ui", new LocalizedText("Matrix", "矩阵")), Ct);
        await definitions.SaveDraftAsync(new FormDefinition
        {
            App = "matrix_ui", Key = "ticket", Name = new LocalizedText("Tickets", "工单"),
            Fields = [new FieldDefinition { Key = "title", Type = "text", Label = new LocalizedText("Title", "标题") }],
        }, Fixture.Admin, Ct);
        await definitions.PublishAsync("matrix_ui", "ticket", Fixture.Admin, Ct);

        var page = Render<RolesPage>();
        page.WaitForAssertion(() => page.Find(".role-item-reader"));
        page.Find(".role-item-reader").Click();
        page.WaitForAssertion(() => page.Find(".matrix-row[data-form='matrix_ui/ticket']"));
        var row = page.Find(".matrix-row[data-form='matrix_ui/ticket']");
        Assert.Contains("所有内部用户均可访问", row.TextContent);

        page.Find(".matrix-row[data-form='matrix_ui/ticket'] .matrix-action-read input").Change(true);
        page.Find(".matrix-row[data-form='matrix_ui/ticket'] .matrix-action-export input").Change(true);
        page.Find(".matrix-row[data-form='matrix_ui/ticket'] button.matrix-save").Click();

        await WaitUntilAsync(async () => (await definitions.GetPublishedAsync("matrix_ui", "ticket", Ct))!.Version == 2);
        var grant = (await definitions.GetPublishedAsync("matrix_ui", "ticket", Ct))!.Permissions!.Single();
        Assert.Equal(("reader", DataScope.Own), (grant.Role, grant.Scope));
        Assert.Equal([FormAction.Read, FormAction.Export], grant.Actions);
        page.WaitForAssertion(() => page.Find(".matrix-row[data-form='matrix_ui/ticket'] button.matrix-remove"));
    }

    [Fact]
    public void The_install_report_lists_what_was_done_and_a_refusal_lists_every_reason()
    {
        var done = Render<InstallReport>(p => p.Add(r => r.Outcome, new AppInstallOutcome("templates/channel-crm",
            new InstallResult("channel_crm", "1.0.0", "1.1.0", ["visit"], ["customer", "quote"], ["product"],
                [new CustomerChange("forms/order.json", "order", "changed in the Studio since the package installed it")], [], 0), [])));
        Assert.Contains("已从 1.0.0 升级到 1.1.0", done.Find(".install-summary").TextContent);
        Assert.Contains("customer、quote", done.Find(".install-updated").TextContent);
        Assert.Contains("forms/order.json", done.Find(".install-customer").TextContent);
        Assert.Empty(done.FindAll(".install-roles"));

        var refused = Render<InstallReport>(p => p.Add(r => r.Outcome, new AppInstallOutcome("bad.zip", null,
            [new PackageError("manifest.json", "missing"), new PackageError("forms/a.json", "unknown field type 'x'")])));
        Assert.Equal(2, refused.FindAll(".install-errors li").Count);
        Assert.Contains("没有写入任何内容", refused.Find(".install-refused").TextContent);
    }

    [Fact]
    public async Task The_audit_page_shows_admin_actions_newest_first()
    {
        await Fixture.Get<OrganizationAdministration>().CreatePartnerAsync(Fixture.Admin, new NewPartner("审计伙伴", "P-AUDIT-UI"), Ct);
        var page = Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".audit-row"), r => r.TextContent.Contains("P-AUDIT-UI")));
        var row = page.FindAll(".audit-row").First(r => r.TextContent.Contains("P-AUDIT-UI"));
        Assert.Equal("partner.created", row.GetAttribute("data-action"));
        Assert.Equal(Fixture.Admin.DisplayName, row.QuerySelector(".audit-actor")!.TextContent);
    }

    private async Task EnsureRoleAsync(string name, string display)
    {
        var org = Fixture.Get<OrganizationAdministration>();
        if (!(await org.ListRolesAsync(Fixture.Admin, Ct)).Any(r => r.Name == name)) await org.CreateRoleAsync(Fixture.Admin, name, display, Ct);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Condition not met within 60 s.");
            await Task.Delay(100);
        }
    }
}
