using Platform.Forms.Definitions;
using Platform.Packages.Format;
using Platform.Packages.Tests.Support;

namespace Platform.Packages.Tests.Install;

public class InvalidPackageTests(PackagesFixture fixture) : IClassFixture<PackagesFixture>
{
    [Fact]
    public async Task Invalid_definitions_are_all_listed_with_their_files_and_nothing_is_installed()
    {
        var files = new Dictionary<string, string>
        {
            ["manifest.json"] = """{ "id": "broken_app", "name": { "zh": "坏包" }, "version": "1.0.0" }""",
            ["forms/ticket.json"] = """
                { "key": "ticket", "name": "Ticket", "fields": [
                  { "key": "title", "type": "text", "label": "Title" },
                  { "key": "level", "type": "no_such_type", "label": "Level" },
                  { "key": "asset", "type": "relation", "label": "Asset", "relation": { "form": "asset" } } ] }
                """,
            ["forms/note.json"] = """{ "key": "memo", "name": "Note", "fields": [ { "key": "text", "type": "text", "label": "Text" } ] }""",
            ["roles.json"] = """[ { "key": "agent", "forms": { "invoice": { "actions": ["read", "fly"], "scope": "galaxy" } } } ]""",
        };

        var e = await Assert.ThrowsAsync<PackageValidationException>(() => fixture.InstallAsync(PackageReader.Read(files)));

        Assert.Contains(e.Errors, x => x.File == "forms/ticket.json" && x.Message.Contains("no_such_type"));
        Assert.Contains(e.Errors, x => x.File == "forms/note.json" && x.Message.Contains("file name"));
        Assert.Contains(e.Errors, x => x.File == "roles.json" && x.Message.Contains("fly"));
        Assert.Contains(e.Errors, x => x.File == "roles.json" && x.Message.Contains("galaxy"));
        Assert.Contains(e.Errors, x => x.File == "roles.json" && x.Message.Contains("'invoice'"));
        Assert.Null(await fixture.Get<IFormDefinitions>().GetAppAsync("broken_app", CancellationToken.None));
        Assert.Contains("forms/ticket.json", e.Message);
    }
}
