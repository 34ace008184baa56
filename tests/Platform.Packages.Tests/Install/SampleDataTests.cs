using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Queries;
using Platform.Packages.Tests.Support;

namespace Platform.Packages.Tests.Install;

public class SampleDataTests(PackagesFixture fixture) : IClassFixture<PackagesFixture>
{
    [Fact]
    public async Task Sample_data_specs_generate_valid_linked_records_on_first_install_only()
    {
        var ct = CancellationToken.None;
        var result = await fixture.InstallAsync(Templates.ChannelCrm(), new(WithSampleData: true, SampleDataScale: 0.05));
        Assert.True(result.SampleRecords > 50);

        var queries = fixture.Get<IRecordQueries>();
        async Task<List<Platform.Forms.Records.FormRecord>> All(string form) =>
            [.. (await queries.ListAsync(UserContext.System, "channel_crm", form, new RecordQuery { PageSize = 500 }, ct)).Items];
        var customers = await All("customer");
        var opportunities = await All("opportunity");
        var orders = await All("order");
        var commissions = await All("commission");
        Assert.Equal(15, customers.Count);
        Assert.Equal(30, opportunities.Count);
        // one commission per partner order, at most as many as the spec asks
        Assert.Equal(Math.Min(4, orders.Count(o => o.PartnerId is not null)), commissions.Count);
        Assert.NotEmpty(commissions);
        // relations point at generated customers and copied values match the related record
        var byId = customers.ToDictionary(c => c.Id.ToString());
        foreach (var o in opportunities)
        {
            var customer = byId[o.Data["customer"]!.GetValue<string>()];
            Assert.Equal(customer.Data["region"]!.GetValue<string>(), o.Data["region"]!.GetValue<string>());
        }
        // commission amounts are the formula over the copied order amount
        var orderById = orders.ToDictionary(o => o.Id.ToString());
        foreach (var c in commissions)
        {
            var order = orderById[c.Data["order"]!.GetValue<string>()];
            Assert.Equal(order.Data["amount"]!.GetValue<decimal>(), c.Data["order_amount"]!.GetValue<decimal>());
            Assert.Equal(Math.Round(c.Data["order_amount"]!.GetValue<decimal>() * c.Data["rate"]!.GetValue<decimal>() / 100, 2), c.Data["amount"]!.GetValue<decimal>());
        }
        Assert.Equal(commissions.Count, commissions.Select(c => c.Data["order"]!.GetValue<string>()).Distinct().Count());

        // the installed reports show the generated data: the funnel counts every open or won deal, by stage
        var reports = fixture.Get<Platform.Reports.Definitions.IReportDefinitions>();
        var runner = fixture.Get<Platform.Reports.Running.IReportRunner>();
        var funnel = await reports.GetReportAsync("channel_crm", "sales_funnel", null, ct);
        var run = await runner.RunAsync(funnel!, UserContext.System, null, null, ct);
        Assert.Equal(opportunities.Count(o => o.Data["stage"]!.GetValue<string>() != "lost"), (int)run.Rows.Sum(r => r.Values[0] ?? 0));
        Assert.Equal("funnel", run.ChartType);
        var industries = await runner.RunAsync((await reports.GetReportAsync("channel_crm", "customers_by_industry", null, ct))!, UserContext.System, null, null, ct);
        Assert.Equal(customers.Count, (int)industries.Rows.Sum(r => r.Values[0] ?? 0));
        var pipeline = await runner.RunAsync((await reports.GetReportAsync("channel_crm", "kpi_pipeline_amount", null, ct))!, UserContext.System, null, null, ct);
        var open = opportunities.Where(o => o.Data["stage"]!.GetValue<string>() is not ("won" or "lost")).Sum(o => o.Data["amount"]!.GetValue<decimal>());
        Assert.Equal(open, pipeline.Rows.Single().Values[0]);

        // sample users: partner staff per partner, sales by region, directors; records have owners and departments
        Assert.True(result.SampleUsers >= 60);
        Assert.NotNull(result.SampleUserPassword);
        await PartnerSalesSeeOnlyTheirPartnersDataAsync(customers, opportunities, ct);
        await SalesAndDirectorsSeeTheirOwnAndTheirRegionsAsync(customers, ct);

        var again = await fixture.InstallAsync(Templates.ChannelCrm(), new(WithSampleData: true, SampleDataScale: 0.05));
        Assert.Equal(0, again.SampleRecords);
        Assert.Equal(15, (await All("customer")).Count);
        Assert.Equal(0, again.SampleUsers);
    }

    private async Task<UserContext> UserAsync(Guid id, CancellationToken ct) => (await fixture.Get<IOrgDirectory>().GetUserContextAsync(id, ct))!;

    private async Task<IReadOnlyList<UserInfo>> UsersAsync(string role, CancellationToken ct) =>
        await fixture.InScopeAsync(sp => sp.GetRequiredService<IOrganizationAdmin>().ListUsersAsync(new UserFilter(Role: role, Take: 500), ct));

    private async Task PartnerSalesSeeOnlyTheirPartnersDataAsync(List<Platform.Forms.Records.FormRecord> customers,
        List<Platform.Forms.Records.FormRecord> opportunities, CancellationToken ct)
    {
        var queries = fixture.Get<IRecordQueries>();
        var partnerSales = await UsersAsync("partner_sales", ct);
        Assert.Equal(40, partnerSales.Count); // two per partner, 20 partners
        // the partner with the most open or won deals: its sales user sees exactly its customers, and a funnel of its own deals
        var live = opportunities.Where(o => o.Data["stage"]!.GetValue<string>() != "lost").ToList();
        var deals = live.Where(o => o.PartnerId is not null).GroupBy(o => o.PartnerId).OrderByDescending(g => g.Count()).First();
        var busiest = customers.Where(c => c.PartnerId == deals.Key).ToList();
        var user = await UserAsync(partnerSales.First(u => u.PartnerId == deals.Key).Id, ct);
        var seen = (await queries.ListAsync(user, "channel_crm", "customer", new RecordQuery { PageSize = 500 }, ct)).Items;
        Assert.NotEmpty(seen);
        Assert.All(seen, c => Assert.Equal(deals.Key, c.PartnerId));
        Assert.Equal(busiest.Select(c => c.Id).Order(), seen.Select(c => c.Id).Order());
        Assert.Contains(customers, c => c.PartnerId is null); // direct customers exist, and this user does not see them

        var reports = fixture.Get<Platform.Reports.Definitions.IReportDefinitions>();
        var runner = fixture.Get<Platform.Reports.Running.IReportRunner>();
        var funnel = (await reports.GetReportAsync("channel_crm", "sales_funnel", null, ct))!;
        var mine = await runner.RunAsync(funnel, user, null, null, ct);
        Assert.Equal(deals.Count(), (int)mine.Rows.Sum(r => r.Values[0] ?? 0));
        Assert.True(deals.Count() < live.Count);
    }

    private async Task SalesAndDirectorsSeeTheirOwnAndTheirRegionsAsync(List<Platform.Forms.Records.FormRecord> customers, CancellationToken ct)
    {
        var queries = fixture.Get<IRecordQueries>();
        var direct = customers.Where(c => c.PartnerId is null).ToList();
        Assert.All(direct, c => Assert.NotNull(c.OwnerId));
        var owner = direct.GroupBy(c => c.OwnerId!.Value).OrderByDescending(g => g.Count()).First();
        var sales = await UserAsync(owner.Key, ct);
        Assert.Contains("sales", sales.Roles);
        var own = (await queries.ListAsync(sales, "channel_crm", "customer", new RecordQuery { PageSize = 500 }, ct)).Items;
        Assert.Equal(owner.Select(c => c.Id).Order(), own.Select(c => c.Id).Order());
        // the sales director's department tree holds every sales region: they see every direct customer
        var director = await UserAsync((await UsersAsync("sales_director", ct)).Single().Id, ct);
        var all = (await queries.ListAsync(director, "channel_crm", "customer", new RecordQuery { PageSize = 500 }, ct)).Items;
        Assert.Equal(direct.Select(c => c.Id).Order(), all.Select(c => c.Id).Order());
    }
}
