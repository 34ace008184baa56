using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Core.Organization;
using Platform.Forms.Files;
using Platform.Forms.Records;
using Platform.Forms.Tests.Support;

namespace Platform.Forms.Tests.Files;

public class UnlinkedFileSweeperTests(FormsFixture db) : IClassFixture<FormsFixture>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
    private readonly UserContext _sales = TestForms.User("sales", roles: "sales");

    private async Task<Guid> UploadAsync(string app, string name)
    {
        var result = await db.Services.GetRequiredService<FileStore>().UploadAsync(_sales, app, "customers", "logo", name, "image/png", new MemoryStream(Png), default);
        return Assert.IsType<StoredFile>(result.File).Id;
    }

    private async Task<HashSet<Guid>> StoredAsync(string app)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        return (await conn.QueryAsync<Guid>("SELECT id FROM forms.files WHERE app_key = @app", new { app })).ToHashSet();
    }

    private async Task<Guid> CreateWithLogoAsync(string app, Guid file) =>
        Assert.IsType<RecordWriteResult.Saved>(await db.Services.GetRequiredService<IRecordStore>().CreateAsync(_sales, app, "customers",
            TestForms.Obj($$"""{"name": "With logo {{file}}", "logo": ["{{file}}"]}"""), default)).Record.Id;

    [Fact]
    public async Task Uploads_never_linked_are_removed_once_older_than_the_configured_age_and_linked_ones_stay()
    {
        const string app = "sweep_a";
        await TestForms.PublishAsync(db.Services, TestForms.Customers.Replace("\"app\": \"crm\"", $"\"app\": \"{app}\""));
        var maxAge = db.Services.GetRequiredService<IOptions<FormsOptions>>().Value.UnlinkedFileMaxAge;
        var sweeper = db.Services.GetRequiredService<UnlinkedFileSweeper>();
        var linked = await UploadAsync(app, "linked.png");
        var linkedThenDeleted = await UploadAsync(app, "deleted-record.png");
        var abandoned = await UploadAsync(app, "abandoned.png");
        await CreateWithLogoAsync(app, linked);
        var doomed = await CreateWithLogoAsync(app, linkedThenDeleted);
        await db.Services.GetRequiredService<IRecordStore>().DeleteAsync(_sales, app, "customers", doomed, null, default);

        db.Clock.Advance(maxAge - TimeSpan.FromMinutes(1));
        await sweeper.SweepAsync(default);
        Assert.Equal([linked, linkedThenDeleted, abandoned], (await StoredAsync(app)).Order());

        db.Clock.Advance(TimeSpan.FromMinutes(2));
        var fresh = await UploadAsync(app, "fresh.png"); // uploaded now, so still young
        await sweeper.SweepAsync(default);
        Assert.Equal(new[] { linked, linkedThenDeleted, fresh }.Order(), (await StoredAsync(app)).Order());
    }

    [Fact]
    public async Task The_hosted_sweeper_runs_on_the_clock()
    {
        const string app = "sweep_b";
        await TestForms.PublishAsync(db.Services, TestForms.Customers.Replace("\"app\": \"crm\"", $"\"app\": \"{app}\""));
        var options = db.Services.GetRequiredService<IOptions<FormsOptions>>().Value;
        var abandoned = await UploadAsync(app, "abandoned.png");
        var hosted = db.Services.GetServices<IHostedService>().OfType<UnlinkedFileSweeper>().Single();
        await hosted.StartAsync(default);
        try
        {
            // Nothing happens until the clock says so, however long we wait in real time.
            await Task.Delay(200);
            Assert.Contains(abandoned, await StoredAsync(app));
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while ((await StoredAsync(app)).Contains(abandoned))
            {
                Assert.True(DateTime.UtcNow < deadline, "The sweeper did not remove the abandoned upload.");
                db.Clock.Advance(options.FileSweepInterval > options.UnlinkedFileMaxAge ? options.FileSweepInterval : options.UnlinkedFileMaxAge);
                await Task.Delay(100);
            }
        }
        finally { await hosted.StopAsync(default); }
    }
}
