using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Queries;
using Platform.Forms.Records;
using Platform.Packages.Install;
using Platform.Packages.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Platform.Workflow.Definitions;

namespace Platform.Packages.Tests.Install;

public class ChannelCrmInstallTests(PackagesFixture fixture) : IClassFixture<PackagesFixture>
{
    private static readonly string[] AllForms =
        ["commission", "customer", "follow_up", "joint_visit", "lead", "opportunity", "order", "partner", "partner_application", "product", "quote"];

    [Fact]
    public async Task Install_into_an_empty_database_publishes_every_form_with_roles_merged()
    {
        await fixture.InstallAsync(Templates.ChannelCrm());

        var definitions = fixture.Get<IFormDefinitions>();
        var forms = await definitions.ListFormsAsync("channel_crm", CancellationToken.None);
        Assert.Equal(AllForms, forms.Select(f => f.Key).Order());
        var customer = await definitions.GetPublishedAsync("channel_crm", "customer", CancellationToken.None);
        Assert.NotNull(customer);
        Assert.Equal("客户", customer.Name.Zh);
        Assert.Equal("Customer", customer.Name.En);
        var partnerSales = Assert.Single(customer.Permissions!, p => p.Role == "partner_sales");
        Assert.Equal(DataScope.Partner, partnerSales.Scope);
        Assert.Equal([FormAction.Create, FormAction.Read, FormAction.Update], partnerSales.Actions);
        // "*" in roles.json reaches every form
        foreach (var key in AllForms)
        {
            var form = await definitions.GetPublishedAsync("channel_crm", key, CancellationToken.None);
            Assert.Contains(form!.Permissions!, p => p.Role == "vendor_admin" && p.Scope == DataScope.All && p.Actions.Count == 6);
        }
        var commission = await definitions.GetPublishedAsync("channel_crm", "commission", CancellationToken.None);
        Assert.Null(commission!.Permissions!.FirstOrDefault(p => p.Role == "partner_sales"));

        await using var scope = fixture.Services.CreateAsyncScope();
        var roles = await scope.ServiceProvider.GetRequiredService<IOrganizationAdmin>().ListRolesAsync(CancellationToken.None);
        foreach (var role in new[] { "vendor_admin", "channel_manager", "regional_director", "sales_director", "sales", "partner_admin", "partner_sales" })
            Assert.Contains(roles, r => r.Name == role);
        Assert.Equal("伙伴销售", roles.Single(r => r.Name == "partner_sales").DisplayName);

        var installed = await fixture.Get<InstalledPackages>().GetAsync("channel_crm", CancellationToken.None);
        Assert.Equal("1.0.0", installed!.Version);
        Assert.Equal(AllForms.Length + 16 + 13 + 1, installed.Hashes.Count); // forms, reports and dashboard, workflows, menu

        var workflows = await fixture.InScopeAsync(sp => sp.GetRequiredService<IWorkflowDefinitions>().ListAsync(CancellationToken.None));
        Assert.Equal(["commission_payout", "deal_registration", "deal_registration_check", "joint_visit", "lead_assignment", "lead_pool_24h",
            "opportunity_stale_7d", "order_commission", "partner_onboarding", "quote_approval", "quote_to_order", "registration_expiry", "web_lead"],
            workflows.Select(w => w.Key).Order());
        Assert.All(workflows, w => Assert.Equal(1, w.LatestVersion));

        var reports = fixture.Get<Platform.Reports.Definitions.IReportDefinitions>();
        var published = await reports.ListAsync("channel_crm", CancellationToken.None);
        Assert.Equal(16, published.Count);
        var board = await reports.GetDashboardAsync("channel_crm", "sales_overview", null, CancellationToken.None);
        Assert.Equal(13, board!.Widgets.Count);
    }

    [Fact]
    public async Task Installing_the_same_package_twice_changes_nothing()
    {
        await fixture.InstallAsync(Templates.ChannelCrm());
        var definitions = fixture.Get<IFormDefinitions>();
        var before = await definitions.ListVersionsAsync("channel_crm", "opportunity", CancellationToken.None);

        var again = await fixture.InstallAsync(Templates.ChannelCrm());

        Assert.Empty(again.FormsCreated);
        Assert.Empty(again.FormsUpdated);
        Assert.Empty(again.CustomerChanges);
        Assert.Empty(again.RolesCreated);
        Assert.Equal(AllForms.Length, again.FormsUnchanged.Count);
        Assert.Empty(again.ReportsPublished);
        Assert.Empty(again.WorkflowsPublished);
        Assert.Equal(before.Count, (await definitions.ListVersionsAsync("channel_crm", "opportunity", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Formulas_of_the_template_compute_quote_and_commission_amounts()
    {
        await fixture.InstallAsync(Templates.ChannelCrm());
        var store = fixture.Get<IRecordStore>();
        var ct = CancellationToken.None;
        var product = Saved(await store.CreateAsync(UserContext.System, "channel_crm", "product",
            new JsonObject { ["code"] = "P-FORMULA", ["name"] = "云平台", ["list_price"] = 1000 }, ct));
        var customer = Saved(await store.CreateAsync(UserContext.System, "channel_crm", "customer",
            new JsonObject { ["name"] = "公式测试客户", ["industry"] = "finance", ["region"] = "east" }, ct));
        var opportunity = Saved(await store.CreateAsync(UserContext.System, "channel_crm", "opportunity",
            new JsonObject { ["name"] = "公式商机", ["customer"] = customer.ToString(), ["amount"] = 50000 }, ct));

        var quote = await store.CreateAsync(UserContext.System, "channel_crm", "quote", new JsonObject
        {
            ["opportunity"] = opportunity.ToString(), ["customer"] = customer.ToString(),
            ["lines"] = new JsonArray(
                new JsonObject { ["product"] = product.ToString(), ["quantity"] = 10, ["price"] = 1000, ["discount"] = 20 },
                new JsonObject { ["product"] = product.ToString(), ["quantity"] = 2, ["price"] = 500 }),
        }, ct);
        var data = Assert.IsType<RecordWriteResult.Saved>(quote).Record.Data;
        Assert.Equal(8000m, data["lines"]![0]!["total"]!.GetValue<decimal>());
        Assert.Equal(9000m, data["amount"]!.GetValue<decimal>());
        Assert.Equal(11000m, data["subtotal"]!.GetValue<decimal>());
        Assert.Equal(20m, data["max_discount"]!.GetValue<decimal>());
        Assert.StartsWith("QT-", data["number"]!.GetValue<string>());

        var order = Saved(await store.CreateAsync(UserContext.System, "channel_crm", "order", new JsonObject
        {
            ["title"] = "合同", ["customer"] = customer.ToString(), ["signed_on"] = "2026-05-01",
            ["lines"] = new JsonArray(new JsonObject { ["product"] = product.ToString(), ["quantity"] = 100, ["price"] = 1000 }),
        }, ct));
        var commission = await store.CreateAsync(UserContext.System, "channel_crm", "commission", new JsonObject
        {
            ["partner"] = Guid.NewGuid().ToString(), ["order"] = order.ToString(), ["tier"] = "silver", ["order_amount"] = 100000,
        }, ct);
        // a partner id that does not exist may be refused by the engine; the formula check needs a saved record
        if (commission is RecordWriteResult.Invalid)
            commission = await store.CreateAsync(UserContext.System, "channel_crm", "commission", new JsonObject
            {
                ["order"] = order.ToString(), ["tier"] = "silver", ["order_amount"] = 100000,
            }, ct);
        var c = Assert.IsType<RecordWriteResult.Saved>(commission).Record.Data;
        Assert.Equal(9m, c["rate"]!.GetValue<decimal>());
        Assert.Equal(9000m, c["amount"]!.GetValue<decimal>());
    }

    internal static Guid Saved(RecordWriteResult result) => result switch
    {
        RecordWriteResult.Saved s => s.Record.Id,
        RecordWriteResult.Invalid i => throw new Xunit.Sdk.XunitException(string.Join("; ", i.Errors.Select(e => e.ToString()))),
        _ => throw new Xunit.Sdk.XunitException(result.ToString()),
    };
}
