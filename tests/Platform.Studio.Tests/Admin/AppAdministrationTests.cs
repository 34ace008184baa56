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
    public async Task A_package_installs_reinstalls_unchanged_exports_as_a_zip_and_the_zip_installs_back()
    {
        var template = Assert.Single(Apps.ListTemplates(fixture.Admin), t => t.Folder == "channel-crm");
        Assert.Equal("channel_crm", template.Id);

        var first = await Apps.InstallZipAsync(fixture.Admin, "helpdesk.zip", Zip(
            ("manifest.json", """{ "id": "helpdesk", "name": { "zh": "服务台", "en": "Help desk" }, "version": "1.2.0" }"""),
            ("roles.json", """[ { "key": "agent", "name": { "zh": "客服" } } ]"""),
            ("forms/ticket.json", Ticket)), false, Ct);

        Assert.True(first.Succeeded, string.Join("\n", first.Errors));
        Assert.Equal(["ticket"], first.Result!.FormsCreated);
        var app = Assert.Single(await Apps.ListAsync(fixture.Admin, Ct), a => a.Key == "helpdesk");
        Assert.Equal(("1.2.0", 1), (app.Package!.Version, app.FormCount));

        var zip = await Apps.ExportZipAsync(fixture.Admin, "helpdesk", Ct);
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            Assert.Contains(archive.Entries, e => e.FullName == "manifest.json");
            Assert.Contains(archive.Entries, e => e.FullName == "forms/ticket.json");
        }
        var back = await Apps.InstallZipAsync(fixture.Admin, "helpdesk-export.zip", new MemoryStream(zip), false, Ct);
        Assert.True(back.Succeeded, string.Join("\n", back.Errors));
        Assert.Equal(["ticket"], back.Result!.FormsUnchanged);
        Assert.Empty(back.Result.FormsUpdated);
        Assert.Empty(back.Result.CustomerChanges);

        var audit = (await fixture.AuditAsync(new AuditQuery("app", Text: "helpdesk"))).Items.Select(e => e.Action).ToList();
        Assert.Equal(2, audit.Count(a => a == "app.installed"));
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

        var sources = new[] { "notes.zip", "empty.zip", "bad.zip", "../../etc" };
        var refused = (await fixture.AuditAsync(new AuditQuery("app"))).Items
            .Where(e => e.Action == "app.install_refused" && sources.Any(s => e.Details!.StartsWith("source: " + s + ";"))).ToList();
        Assert.Equal(4, refused.Count);
        Assert.Contains(refused, e => e.Details!.Contains("forms/thing.json"));
    }

    private const string Ticket = """
        {
          "app": "helpdesk", "key": "ticket", "name": { "en": "Tickets", "zh": "工单" }, "titleField": "title",
          "fields": [ { "key": "title", "type": "text", "label": { "en": "Title", "zh": "标题" }, "required": true } ],
          "permissions": [ { "role": "agent", "actions": ["Create", "Read"], "scope": "All" } ]
        }
        """;

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
