using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Records;
using Platform.Packages.Format;
using Platform.Packages.Install;
using Platform.Packages.Tests.Support;

namespace Platform.Packages.Tests.Install;

public class UpgradeTests(PackagesFixture fixture) : IClassFixture<PackagesFixture>
{
    [Fact]
    public async Task Upgrade_adds_fields_keeps_records_and_reports_customer_changes_without_overwriting()
    {
        var ct = CancellationToken.None;
        await fixture.InstallAsync(Templates.ChannelCrm());
        var store = fixture.Get<IRecordStore>();
        var definitions = fixture.Get<IFormDefinitions>();
        var customer = ChannelCrmInstallTests.Saved(await store.CreateAsync(UserContext.System, "channel_crm", "customer",
            new JsonObject { ["name"] = "升级客户", ["industry"] = "energy", ["region"] = "north" }, ct));
        var opportunity = ChannelCrmInstallTests.Saved(await store.CreateAsync(UserContext.System, "channel_crm", "opportunity",
            new JsonObject { ["name"] = "升级商机", ["customer"] = customer.ToString(), ["amount"] = 123456 }, ct));

        // the customer renames a label of the product form in the Studio
        var product = (await definitions.GetPublishedAsync("channel_crm", "product", ct))!;
        await definitions.SaveDraftAsync(product with { Name = new Platform.Forms.Definitions.LocalizedText("Goods", "商品"), Version = 0 }, UserContext.System, ct);
        await definitions.PublishAsync("channel_crm", "product", UserContext.System, ct);

        // version 1.1.0 adds a field to opportunity and changes the product form too
        var files = Templates.ChannelCrmFiles();
        files["manifest.json"] = files["manifest.json"].Replace("\"1.0.0\"", "\"1.1.0\"").Replace("\"minPlatformVersion\": \"1.1.0\"", "\"minPlatformVersion\": \"1.0.0\"");
        var opp = JsonNode.Parse(files["forms/opportunity.json"])!;
        opp["fields"]!.AsArray().Add(new JsonObject
        {
            ["key"] = "competitor", ["type"] = "text", ["label"] = new JsonObject { ["zh"] = "竞争对手", ["en"] = "Competitor" },
        });
        files["forms/opportunity.json"] = opp.ToJsonString();
        var prod = JsonNode.Parse(files["forms/product.json"])!;
        prod["description"] = new JsonObject { ["zh"] = "产品目录", ["en"] = "Product catalogue" };
        files["forms/product.json"] = prod.ToJsonString();

        var result = await fixture.InstallAsync(PackageReader.Read(files));

        Assert.Equal("1.0.0", result.PreviousVersion);
        Assert.True(result.IsUpgrade);
        Assert.Equal(["opportunity"], result.FormsUpdated);
        var change = Assert.Single(result.CustomerChanges);
        Assert.Equal("product", change.Key);
        Assert.Equal("forms/product.json", change.File);
        Assert.Equal("商品", (await definitions.GetPublishedAsync("channel_crm", "product", ct))!.Name.Zh);

        var upgraded = (await definitions.GetPublishedAsync("channel_crm", "opportunity", ct))!;
        Assert.NotNull(upgraded.Field("competitor"));
        Assert.Equal(2, upgraded.Version);
        var record = await store.GetAsync(UserContext.System, "channel_crm", "opportunity", opportunity, ct);
        Assert.Equal(123456m, record!.Data["amount"]!.GetValue<decimal>());
        var updated = await store.UpdateAsync(UserContext.System, "channel_crm", "opportunity", opportunity,
            new JsonObject { ["competitor"] = "友商A" }, record.Version, partial: true, ct);
        Assert.Equal("友商A", Assert.IsType<RecordWriteResult.Saved>(updated).Record.Data["competitor"]!.GetValue<string>());
        Assert.Equal("1.1.0", (await fixture.Get<InstalledPackages>().GetAsync("channel_crm", ct))!.Version);

        // the customer's change keeps being reported on later upgrades; a downgrade is refused
        files["manifest.json"] = files["manifest.json"].Replace("\"1.1.0\"", "\"1.0.1\"");
        var downgrade = await Assert.ThrowsAsync<PackageValidationException>(() => fixture.InstallAsync(PackageReader.Read(files)));
        Assert.Contains(downgrade.Errors, e => e.File == "manifest.json" && e.Message.Contains("older"));
    }
}
