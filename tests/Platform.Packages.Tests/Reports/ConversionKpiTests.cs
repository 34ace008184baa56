using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Forms.Records;
using Platform.Packages.Tests.Install;
using Platform.Packages.Tests.Support;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Packages.Tests.Reports;

public class ConversionKpiTests(PackagesFixture fixture) : IClassFixture<PackagesFixture>
{
    [Fact]
    public async Task Conversion_this_week_is_deals_won_this_week_over_deals_created_this_week()
    {
        var ct = CancellationToken.None;
        await fixture.InstallAsync(Templates.ChannelCrm());
        var store = fixture.Get<IRecordStore>();
        var customer = ChannelCrmInstallTests.Saved(await store.CreateAsync(UserContext.System, "channel_crm", "customer",
            new JsonObject { ["name"] = "转化率客户", ["industry"] = "retail", ["region"] = "east" }, ct));
        async Task<Guid> Deal(string name, string stage, string? wonAt) => ChannelCrmInstallTests.Saved(await store.CreateAsync(UserContext.System, "channel_crm", "opportunity",
            new JsonObject { ["name"] = name, ["customer"] = customer.ToString(), ["stage"] = stage, ["amount"] = 10000, ["won_at"] = wonAt }, ct));

        // last week (Tuesday 2026-05-12): two deals created, one won then
        await Deal("上周赢单", "won", "2026-05-12");
        var lateWin = await Deal("上周创建本周赢单", "negotiation", null);
        fixture.Clock.Advance(TimeSpan.FromDays(7)); // Tuesday 2026-05-19
        // this week: four new deals, two of them won; one older deal won this week
        await Deal("本周新商机1", "initial", null);
        await Deal("本周新商机2", "needs", null);
        await Deal("本周赢单1", "won", "2026-05-19");
        await Deal("本周赢单2", "won", "2026-05-18");
        var record = (await store.GetAsync(UserContext.System, "channel_crm", "opportunity", lateWin, ct))!;
        ChannelCrmInstallTests.Saved(await store.UpdateAsync(UserContext.System, "channel_crm", "opportunity", lateWin,
            new JsonObject { ["stage"] = "won", ["won_at"] = "2026-05-19" }, record.Version, partial: true, ct));

        var report = (await fixture.Get<IReportDefinitions>().GetReportAsync("channel_crm", "kpi_conversion_this_week", null, ct))!;
        var result = await fixture.Get<IReportRunner>().RunAsync(report, UserContext.System, null, null, ct);
        var row = Assert.Single(result.Rows);
        Assert.Equal(4m, row.Values[result.MeasureIndex("created")]);
        Assert.Equal(3m, row.Values[result.MeasureIndex("won")]);
        Assert.Equal(0.75m, Math.Round(row.Values[result.MeasureIndex("conversion")]!.Value, 4));
        Assert.Equal("kpi", result.ChartType);
    }
}
