using System.IO.Compression;
using System.Text;
using Platform.Core.Identity;
using Platform.Studio.Admin;

namespace Platform.Studio.Tests.Admin;

public sealed class AppAdministrationTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private AppAdministration Apps => fixture.Get<AppAdministration>();

    [Fact]
    public async Task The_shipped_channel_crm_installs_reinstalls_unchanged_exports_as_a_zip_and_the_zip_installs_back()
    {
        var template = Assert.Single(Apps.ListTemplates(fixture.Admin), t => t.Folder == "channel-crm");
        Assert.Equal("channel_crm", template.Id);

        var first = await Apps.InstallTemplateAsync(fixture.Admin, "channel-crm", false, Ct);

        Assert.True(first.Succeeded, string.Join("\n", first.Errors));
        Assert.Contains("customer", first.Result!.FormsCreated);
        Assert.Contains("partner_sales", first.Result.RolesCreated);
        var app = Assert.Single(await Apps.ListAsync(fixture.Admin, Ct), a => a.Key == "channel_crm");
        Assert.Equal((template.Version, first.Result.FormsCreated.Count), (app.Package!.Version, app.FormCount));

        var again = await Apps.InstallTemplateAsync(fixture.Admin, "channel-crm", false, Ct);
        Assert.Empty(again.Result!.FormsCreated);
        Assert.Empty(again.Result.FormsUpdated);
        Assert.Equal(first.Result.FormsCreated.Order(), again.Result.FormsUnchanged.Order());

        var zip = await Apps.ExportZipAsync(fixture.Admin, "channel_crm", Ct);
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            Assert.Contains(archive.Entries, e => e.FullName == "manifest.json");
            Assert.Contains(archive.Entries, e => e.FullName == "forms/customer.json");
        }
        var back = await Apps.InstallZipAsync(fixture.Admin, "channel_crm.zip", new MemoryStream(zip), false, Ct);
        Assert.True(back.Succeeded, string.Join("\n", back.Errors));
        Assert.Empty(back.Result!.CustomerChanges);
        Assert.Empty(back.Result.FormsUpdated);

        var audit = (await fixture.AuditAsync(new AuditQuery("app"))).Items.Select(e => e.Action).ToList();
        Assert.Equal(3, audit.Count(a => a == "app.installed"));
        Assert.Single(audit, a => a == "app.exported");
    }

    [Fact]
    public async Task Broken_uploads_are_refused_with_every_reason_nothing_is_installed_and_the_refusal_is_audited()
    {
        var garbage = await Apps.InstallZipAsync(fixture.Admin, "notes.zip", new MemoryStream("not a zip"u8.ToArray()), false, Ct);
        Assert.False(garbage.Succeeded);
        Assert.Contains("不是有效的 .zip 文件", Assert.Single(garbage.Errors).Message);

        var noManifest = await Apps.InstallZipAsync(fixture.Admin, "empty.zip", Zip(("forms/a.json", "{}")), false, Ct);
        Assert.Equal("manifest.json", Assert.Single(noManifest.Errors).File);

        var badForm = await Apps.InstallZipAsync(fixture.Admin, "bad.zip", Zip(
            ("manifest.json", """{ "id": "broken_app", "name": { "zh": "坏应用" }, "version": "1.0.0" }"""),
            ("forms/thing.json", """{ "app": "broken_app", "key": "thing", "name": "Thing", "fields": [ { "key": "x", "type": "no-such-type", "label": "X" } ] }""")), false, Ct);
        Assert.False(badForm.Succeeded);
        Assert.Contains(badForm.Errors, e => e.File == "forms/thing.json");
        Assert.DoesNotContain(await Apps.ListAsync(fixture.Admin, Ct), a => a.Key == "broken_app");

        var unknown = await Apps.InstallTemplateAsync(fixture.Admin, "../../etc", false, Ct);
        Assert.False(unknown.Succeeded);

        var refused = (await fixture.AuditAsync(new AuditQuery("app"))).Items.Where(e => e.Action == "app.install_refused").ToList();
        Assert.Equal(4, refused.Count);
        Assert.Contains(refused, e => e.Details!.Contains("forms/thing.json"));
    }

    private static MemoryStream Zip(params (string Name, string Text)[] files)
    {
        var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in files)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write(text);
            }
        buffer.Position = 0;
        return buffer;
    }
}
