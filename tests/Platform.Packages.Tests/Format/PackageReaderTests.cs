using System.IO.Compression;
using Platform.Packages.Format;

namespace Platform.Packages.Tests.Format;

public class PackageReaderTests
{
    private const string Manifest = """
        { "id": "demo_app", "name": { "zh": "演示", "en": "Demo" }, "version": "1.2.0", "minPlatformVersion": "1.0.0" }
        """;

    [Fact]
    public void Folder_package_is_read_with_every_kind_of_file()
    {
        var package = PackageReader.Read(new Dictionary<string, string>
        {
            ["manifest.json"] = Manifest,
            ["forms/customer.json"] = """{ "key": "customer" }""",
            ["forms/lead.json"] = """{ "key": "lead", }""",
            ["workflows/approve.bpmn"] = "<definitions/>",
            ["reports/funnel.json"] = "{}",
            ["roles.json"] = "[]",
            ["README.md"] = "ignored",
        });

        Assert.Equal("demo_app", package.Manifest.Id);
        Assert.Equal("Demo", package.Manifest.Name.For("en-US"));
        Assert.Equal("演示", package.Manifest.Name.For("zh"));
        Assert.Equal(["forms/customer.json", "forms/lead.json"], package.Forms.Select(f => f.Path));
        Assert.Single(package.Workflows);
        Assert.Single(package.Reports);
        Assert.NotNull(package.Roles);
        Assert.Null(package.Menus);
    }

    [Fact]
    public void Every_error_is_reported_with_its_file()
    {
        var e = Assert.Throws<PackageValidationException>(() => PackageReader.Read(new Dictionary<string, string>
        {
            ["manifest.json"] = Manifest,
            ["forms/broken.json"] = "{ \"key\": ",
            ["reports/also-broken.json"] = "[1,",
        }));

        Assert.Equal(["forms/broken.json", "reports/also-broken.json"], e.Errors.Select(x => x.File).Order());
        Assert.Contains("forms/broken.json", e.Message);
    }

    [Theory]
    [InlineData("""{ "id": "Bad Id", "name": { "zh": "x" }, "version": "1.0.0" }""", "id 'Bad Id'")]
    [InlineData("""{ "id": "ok", "name": { "zh": "x" }, "version": "1.0" }""", "version '1.0'")]
    [InlineData("""{ "id": "ok", "version": "1.0.0" }""", "not valid")]
    public void Invalid_manifest_is_refused_with_a_clear_message(string manifest, string expected)
    {
        var e = Assert.Throws<PackageValidationException>(() => PackageReader.Read(new Dictionary<string, string> { ["manifest.json"] = manifest }));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Missing_manifest_is_refused()
    {
        var e = Assert.Throws<PackageValidationException>(() => PackageReader.Read(new Dictionary<string, string> { ["forms/a.json"] = "{}" }));
        Assert.Equal("manifest.json", Assert.Single(e.Errors).File);
    }

    [Fact]
    public void Zip_with_a_top_folder_reads_like_the_folder()
    {
        var zipPath = Path.Combine(Path.GetTempPath(), $"pkg-{Guid.NewGuid():N}.zip");
        try
        {
            using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
            {
                Write(zip, "demo/manifest.json", Manifest);
                Write(zip, "demo/forms/customer.json", """{ "key": "customer" }""");
            }
            var package = PackageReader.Read(zipPath);
            Assert.Equal("forms/customer.json", Assert.Single(package.Forms).Path);
        }
        finally
        {
            File.Delete(zipPath);
        }
    }

    [Theory]
    [InlineData("1.2.3", "1.10.0", -1)]
    [InlineData("2.0.0", "1.99.99", 1)]
    [InlineData("1.0.0", "1.0.0", 0)]
    public void Versions_compare_numerically(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(SemVer.Parse(a).CompareTo(SemVer.Parse(b))));

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var w = new StreamWriter(zip.CreateEntry(name).Open());
        w.Write(text);
    }
}
