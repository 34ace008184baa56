using Platform.Forms.Definitions;
using Platform.Packages.Export;
using Platform.Packages.Format;
using Platform.Packages.Install;
using Platform.Packages.Tests.Support;

namespace Platform.Packages.Tests.Install;

public class RoundTripTests(PackagesFixture source, OtherPackagesFixture target)
    : IClassFixture<PackagesFixture>, IClassFixture<OtherPackagesFixture>
{
    [Fact]
    public async Task Export_then_install_elsewhere_gives_the_same_definitions_also_through_a_zip()
    {
        var ct = CancellationToken.None;
        await source.InstallAsync(Templates.ChannelCrm());
        var exporter = source.Get<PackageExporter>();
        var zip = Path.Combine(Path.GetTempPath(), $"channel_crm_{Guid.NewGuid():N}.zip");
        try
        {
            await exporter.WriteAsync("channel_crm", zip, "1.0.0", ct);
            var package = PackageReader.Read(zip);
            Assert.Equal("channel_crm", package.Manifest.Id);

            var result = await target.InstallAsync(package);
            Assert.Equal(11, result.FormsCreated.Count);

            var planner = source.Get<FormPlanner>();
            var from = source.Get<IFormDefinitions>();
            var to = target.Get<IFormDefinitions>();
            foreach (var form in await from.ListFormsAsync("channel_crm", ct))
            {
                var a = await from.GetPublishedAsync("channel_crm", form.Key, ct);
                var b = await to.GetPublishedAsync("channel_crm", form.Key, ct);
                Assert.Equal(planner.Hash(a!), planner.Hash(b!));
            }
            Assert.Equal(15, package.Reports.Count);
            Assert.Single(package.Dashboards);
            Assert.Equal(16, result.ReportsPublished.Count);
            var reportParser = source.Get<Platform.Reports.Definitions.ReportDefinitionParser>();
            var fromReports = source.Get<Platform.Reports.Definitions.IReportDefinitions>();
            var toReports = target.Get<Platform.Reports.Definitions.IReportDefinitions>();
            foreach (var file in package.Reports)
            {
                var key = Path.GetFileNameWithoutExtension(file.Path);
                var a = await fromReports.GetReportAsync("channel_crm", key, null, ct);
                var b = await toReports.GetReportAsync("channel_crm", key, null, ct);
                Assert.Equal(reportParser.Serialize(a! with { Version = 0 }), reportParser.Serialize(b! with { Version = 0 }));
            }
            // workflows: the same BPMN is published on both sides, and the roles they name (region teams) travel too
            Assert.Equal(Templates.ChannelCrm().Workflows.Count, package.Workflows.Count);
            Assert.Equal(package.Workflows.Count, result.WorkflowsPublished.Count);
            var fromFlows = source.Get<Platform.Workflow.Definitions.IWorkflowDefinitions>();
            var toFlows = target.Get<Platform.Workflow.Definitions.IWorkflowDefinitions>();
            foreach (var file in package.Workflows)
            {
                var key = Path.GetFileNameWithoutExtension(file.Path);
                Assert.Equal(InstallDecision.Hash((await fromFlows.ExportAsync(key, 1, ct))!), InstallDecision.Hash((await toFlows.ExportAsync(key, 1, ct))!));
            }
            Assert.Contains("sales_east", package.Roles!.ToJsonString());
            // the menu travels unchanged
            Assert.True(result.MenuInstalled);
            var menus = source.Get<Platform.Packages.Menus.AppMenus>();
            Assert.Equal(await menus.GetJsonAsync("channel_crm", ct) is { } a1 ? Canonical(a1) : null,
                await target.Get<Platform.Packages.Menus.AppMenus>().GetJsonAsync("channel_crm", ct) is { } b1 ? Canonical(b1) : null);
            Assert.Contains("线索公海", package.Menus!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            // the exported package installs again over the source unchanged
            var again = await source.InstallAsync(package);
            Assert.Empty(again.FormsUpdated);
            Assert.Empty(again.CustomerChanges);
            Assert.Empty(again.ReportsPublished);
            Assert.Empty(again.WorkflowsPublished);
            Assert.False(again.MenuInstalled);
        }
        finally { File.Delete(zip); }
    }

    private static string Canonical(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString();
}
