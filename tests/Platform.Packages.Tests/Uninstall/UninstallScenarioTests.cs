using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Queries;
using Platform.Forms.Records;
using Platform.Packages.Format;
using Platform.Packages.Menus;
using Platform.Packages.Tests.Support;
using Platform.Packages.Uninstall;
using Platform.Reports.Definitions;

namespace Platform.Packages.Tests.Uninstall;

/// <summary>Install → data and a running flow → uninstall (app gone, flow cancelled, nothing lost) → reinstall (data back).</summary>
public sealed class UninstallScenarioTests(WorkerFixture f) : IClassFixture<WorkerFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Uninstall_hides_the_app_cancels_its_flows_keeps_the_records_and_a_reinstall_brings_them_back()
    {
        var manager = await f.UserAsync("cm@uninstall.cn", "渠道经理", roles: "channel_manager");
        var admin = await f.UserAsync("admin@uninstall.cn", "管理员", roles: "vendor_admin");
        var application = await f.CreateAsync(UserContext.System, "partner_application", new JsonObject
        {
            ["company"] = "卸载测试伙伴", ["region"] = "east", ["requested_tier"] = "silver", ["contact_name"] = "王总", ["contact_phone"] = "13800138001",
        });
        var customer = await f.CreateAsync(UserContext.System, "customer", new JsonObject { ["name"] = "保留的客户", ["industry"] = "retail", ["region"] = "east" });
        await f.SettleAsync();
        Assert.True(await f.HasTaskAsync(manager, application));
        var instance = await f.ScalarAsync<Guid>("SELECT id FROM workflow.instances WHERE record_id = @application AND status = 'running'", new { application });

        var uninstaller = f.Get<PackageUninstaller>();
        var plan = await uninstaller.PlanAsync("channel_crm", Ct);
        Assert.Equal(2, plan.Records);
        Assert.Equal(1, plan.RecordsByForm["customer"]);
        Assert.Equal(11, plan.Forms.Count);
        Assert.Equal(13, plan.Workflows.Count);
        Assert.Equal(1, plan.RunningInstances);
        Assert.Equal(15, plan.Reports.Count);
        Assert.True(plan.HasMenu);

        var backups = Path.Combine(Path.GetTempPath(), $"uninstall-{Guid.NewGuid():N}");
        try
        {
            // the wrong confirmation changes nothing
            var refused = await Assert.ThrowsAsync<PackageValidationException>(() => uninstaller.UninstallAsync("channel_crm", "channel", backups, admin, Ct));
            Assert.Contains("channel_crm", refused.Errors.Single().Message);
            Assert.NotNull(await f.Get<IFormDefinitions>().GetAppAsync("channel_crm", Ct));

            var result = await uninstaller.UninstallAsync("channel_crm", "channel_crm", backups, admin, Ct);
            Assert.Equal(11, result.FormsRetired.Count);
            Assert.Equal(2, result.RecordsKept);
            Assert.Equal(1, result.InstancesCancelled);
            Assert.Equal(16, result.ReportsRemoved.Count);
            Assert.True(result.MenuRemoved);

            // the app is gone from lists and the API
            var definitions = f.Get<IFormDefinitions>();
            Assert.Null(await definitions.GetAppAsync("channel_crm", Ct));
            Assert.DoesNotContain(await definitions.ListAppsAsync(Ct), a => a.Key == "channel_crm");
            Assert.Null(await f.Get<IRecordStore>().GetAsync(UserContext.System, "channel_crm", "customer", customer, Ct));
            await Assert.ThrowsAsync<QueryException>(() => f.Get<IRecordQueries>().ListAsync(UserContext.System, "channel_crm", "customer", new RecordQuery(), Ct));
            Assert.IsType<RecordWriteResult.NotFound>(await f.Get<IRecordStore>().CreateAsync(UserContext.System, "channel_crm", "customer", new JsonObject { ["name"] = "x" }, Ct));
            Assert.Empty(await f.Get<IReportDefinitions>().ListAsync("channel_crm", Ct));
            Assert.Null(await f.Get<AppMenus>().GetAsync("channel_crm", Ct));
            // the running review was cancelled with the reason, its task is no longer anyone's to-do
            Assert.Equal("cancelled", await f.ScalarAsync<string>("SELECT status FROM workflow.instances WHERE id = @instance", new { instance }));
            Assert.Contains("uninstalled", await f.ScalarAsync<string>("SELECT detail FROM workflow.history WHERE instance_id = @instance AND event = 'cancelled'", new { instance }));
            Assert.False(await f.HasTaskAsync(manager, application));
            Assert.Equal(0L, await f.ScalarAsync<long>("SELECT count(*) FROM workflow.definition_versions WHERE is_current AND key = 'partner_onboarding'"));
            // the records are kept, and the backup holds the definitions as they were
            Assert.Equal(2L, await f.ScalarAsync<long>("SELECT count(*) FROM forms.records WHERE app_key = 'channel_crm' AND deleted_at IS NULL"));
            var backup = PackageReader.Read(result.Backup);
            Assert.Equal(11, backup.Forms.Count);
            Assert.Equal(15, backup.Reports.Count);
            Assert.NotNull(backup.Menus);

            // reinstalling brings the app, its records and its flows back, without adding sample data to them
            var again = await f.InstallAsync(Templates.ChannelCrm(), new(WithSampleData: true, SampleDataScale: 0.01));
            Assert.Equal(0, again.SampleRecords);
            Assert.Equal(13, again.WorkflowsPublished.Count);
            Assert.True(again.MenuInstalled);
            Assert.NotNull(await definitions.GetAppAsync("channel_crm", Ct));
            Assert.Equal("保留的客户", (await f.DataAsync("customer", customer))["name"]!.GetValue<string>());
            var next = await f.CreateAsync(UserContext.System, "partner_application", new JsonObject
            {
                ["company"] = "重装后的伙伴", ["region"] = "south", ["requested_tier"] = "bronze", ["contact_name"] = "李总", ["contact_phone"] = "13800138002",
            });
            await f.SettleAsync();
            Assert.True(await f.HasTaskAsync(manager, next));
            Assert.Empty(await f.IncidentsAsync());
        }
        finally { if (Directory.Exists(backups)) Directory.Delete(backups, true); }
    }
}
