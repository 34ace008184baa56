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
        Assert.Equal(5, commissions.Count);
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
        Assert.Equal(5, commissions.Select(c => c.Data["order"]!.GetValue<string>()).Distinct().Count());

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

        var again = await fixture.InstallAsync(Templates.ChannelCrm(), new(WithSampleData: true, SampleDataScale: 0.05));
        Assert.Equal(0, again.SampleRecords);
        Assert.Equal(15, (await All("customer")).Count);
    }
}
