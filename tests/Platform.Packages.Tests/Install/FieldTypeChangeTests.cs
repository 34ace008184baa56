using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Forms.Definitions;
using Platform.Forms.Records;
using Platform.Packages.Format;
using Platform.Packages.Install;
using Platform.Packages.Tests.Support;

namespace Platform.Packages.Tests.Install;

public class FieldTypeChangeTests(PackagesFixture fixture) : IClassFixture<PackagesFixture>
{
    [Fact]
    public async Task A_field_type_change_is_refused_before_anything_is_written()
    {
        var ct = CancellationToken.None;
        await fixture.InstallAsync(Templates.ChannelCrm());
        var files = Templates.ChannelCrmFiles();
        files["manifest.json"] = files["manifest.json"].Replace("\"version\": \"1.0.0\"", "\"version\": \"2.0.0\"");
        files["forms/lead.json"] = files["forms/lead.json"].Replace("\"key\": \"notes\",\n      \"type\": \"textarea\"", "\"key\": \"notes\",\n      \"type\": \"number\"");
        var customer = JsonNode.Parse(files["forms/customer.json"])!;
        customer["fields"]!.AsArray().Add(new JsonObject { ["key"] = "website", ["type"] = "url", ["label"] = "Website" });
        files["forms/customer.json"] = customer.ToJsonString();

        var e = await Assert.ThrowsAsync<PackageValidationException>(() => fixture.InstallAsync(PackageReader.Read(files)));

        Assert.Contains(e.Errors, x => x.File == "forms/lead.json" && x.Message.Contains("'notes'"));
        Assert.Null((await fixture.Get<IFormDefinitions>().GetPublishedAsync("channel_crm", "customer", ct))!.Field("website"));
        Assert.Equal("1.0.0", (await fixture.Get<InstalledPackages>().GetAsync("channel_crm", ct))!.Version);
    }
}
