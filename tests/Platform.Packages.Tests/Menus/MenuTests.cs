using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Packages.Format;
using Platform.Packages.Menus;
using Platform.Packages.Tests.Support;

namespace Platform.Packages.Tests.Menus;

public class MenuTests(PackagesFixture fixture) : IClassFixture<PackagesFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task The_channel_crm_menu_is_installed_and_each_role_sees_only_its_items()
    {
        var result = await fixture.InstallAsync(Templates.ChannelCrm());
        Assert.True(result.MenuInstalled);
        var menu = (await fixture.Get<AppMenus>().GetAsync("channel_crm", Ct))!;
        Assert.Equal(["workspace", "partners", "leads_customers", "deals", "quotes_orders", "analytics"], menu.Groups.Select(g => g.Key));
        var pool = menu.Items.Single(i => i.Key == "lead_pool");
        Assert.Equal((MenuTarget.Form, "lead", "线索公海"), (pool.Target, pool.TargetKey, pool.Label.Zh));
        Assert.Equal("public", pool.Filter!["value"]!.GetValue<string>());
        Assert.Equal(MenuTarget.Todo, menu.Items.First().Target);

        var partnerSales = User("partner_sales");
        var seen = menu.VisibleTo(partnerSales).Items.Select(i => i.Key).ToList();
        Assert.Contains("customers", seen);
        Assert.Contains("funnel", seen);
        Assert.DoesNotContain("leaderboard", seen);
        Assert.DoesNotContain("commissions", seen);
        Assert.DoesNotContain("partners", menu.VisibleTo(partnerSales).Groups.Select(g => g.Key));
        Assert.Contains("leaderboard", menu.VisibleTo(User("channel_manager")).Items.Select(i => i.Key));
        Assert.Equal(menu.Items.Count(), menu.VisibleTo(UserContext.System).Items.Count());

        // reinstalling the same package leaves the menu as it is
        Assert.False((await fixture.InstallAsync(Templates.ChannelCrm())).MenuInstalled);
    }

    [Fact]
    public async Task Bad_menus_are_refused_with_every_problem_and_nothing_is_written()
    {
        var files = WithoutWorkflows("menu_broken");
        files["menus.json"] = """
            { "groups": [
              { "key": "main", "label": { "zh": "主菜单" }, "items": [
                { "key": "a", "label": { "zh": "不存在的表单" }, "form": "no_such_form" },
                { "key": "a", "label": { "zh": "重复" }, "form": "customer" },
                { "key": "b", "label": { "zh": "报表" }, "report": "no_such_report" },
                { "key": "c", "label": { "zh": "两个目标" }, "form": "customer", "dashboard": "sales_overview" },
                { "key": "d", "label": { "zh": "角色" }, "form": "customer", "roles": ["astronaut"] },
                { "key": "e", "label": { "zh": "筛选" }, "form": "lead", "filter": { "field": "colour", "op": "Eq", "value": "red" } },
                { "key": "f", "form": "lead" } ] },
              { "key": "main", "label": { "zh": "重复组" }, "items": [ { "key": "g", "label": { "zh": "看板" }, "dashboard": "nope" } ] } ] }
            """;
        var e = await Assert.ThrowsAsync<PackageValidationException>(() => fixture.InstallAsync(PackageReader.Read(files)));
        var menuErrors = e.Errors.Where(x => x.File == "menus.json").Select(x => x.Message).ToList();
        Assert.Contains(menuErrors, m => m.Contains("unknown form 'no_such_form'"));
        Assert.Contains(menuErrors, m => m.Contains("'a' is used more than once"));
        Assert.Contains(menuErrors, m => m.Contains("'main' is used more than once"));
        Assert.Contains(menuErrors, m => m.Contains("unknown report 'no_such_report'"));
        Assert.Contains(menuErrors, m => m.Contains("item 'c'") && m.Contains("exactly one target"));
        Assert.Contains(menuErrors, m => m.Contains("unknown role 'astronaut'"));
        Assert.Contains(menuErrors, m => m.Contains("'colour'"));
        Assert.Contains(menuErrors, m => m.Contains("item 'f'") && m.Contains("label"));
        Assert.Contains(menuErrors, m => m.Contains("unknown dashboard 'nope'"));
        Assert.Equal(e.Errors.Count, menuErrors.Count);
        Assert.Null(await fixture.Get<IFormDefinitions>().GetAppAsync("menu_broken", Ct));
        Assert.Null(await fixture.Get<AppMenus>().GetAsync("menu_broken", Ct));
    }

    [Fact]
    public async Task An_upgrade_follows_the_package_menu_unless_the_customer_changed_it()
    {
        var files = WithoutWorkflows("menu_upgrade");
        await fixture.InstallAsync(PackageReader.Read(files));

        files["manifest.json"] = files["manifest.json"].Replace("\"version\": \"1.0.0\"", "\"version\": \"1.1.0\"");
        var menu = JsonNode.Parse(files["menus.json"])!;
        menu["groups"]![0]!["items"]!.AsArray().Add(new JsonObject
        {
            ["key"] = "new_customer", ["label"] = new JsonObject { ["zh"] = "新建客户", ["en"] = "New customer" }, ["newRecord"] = "customer",
        });
        files["menus.json"] = menu.ToJsonString();
        var upgraded = await fixture.InstallAsync(PackageReader.Read(files));
        Assert.True(upgraded.MenuInstalled);
        var stored = (await fixture.Get<AppMenus>().GetAsync("menu_upgrade", Ct))!;
        Assert.Equal(MenuTarget.NewRecord, stored.Items.Single(i => i.Key == "new_customer").Target);

        // the customer trims the menu; the next package version reports it instead of overwriting
        await fixture.Get<AppMenus>().SaveAsync("menu_upgrade", stored with { Groups = stored.Groups.Take(2).ToList() }, DateTimeOffset.UtcNow, Ct);
        files["manifest.json"] = files["manifest.json"].Replace("\"version\": \"1.1.0\"", "\"version\": \"1.2.0\"");
        files["menus.json"] = files["menus.json"].Replace("新建客户", "录入客户");
        var next = await fixture.InstallAsync(PackageReader.Read(files));
        Assert.False(next.MenuInstalled);
        Assert.Contains(next.CustomerChanges, c => c.File == "menus.json");
        Assert.Equal(2, (await fixture.Get<AppMenus>().GetAsync("menu_upgrade", Ct))!.Groups.Count);
    }

    /// <summary>The channel CRM under another app key; workflow keys are global, so its flows stay out.</summary>
    private static Dictionary<string, string> WithoutWorkflows(string app)
    {
        var files = Templates.ChannelCrmFiles().Where(f => !f.Key.StartsWith("workflows/", StringComparison.Ordinal)).ToDictionary();
        files["manifest.json"] = files["manifest.json"].Replace("\"channel_crm\"", $"\"{app}\"");
        return files;
    }

    private static UserContext User(params string[] roles) =>
        new(Guid.NewGuid(), "u", "U", null, null, new HashSet<string>(roles), IsAdministrator: false);
}
