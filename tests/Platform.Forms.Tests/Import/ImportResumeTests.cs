using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Forms.Import;
using Platform.Forms.Tests.Support;

namespace Platform.Forms.Tests.Import;

public class ImportResumeTests(FormsFixture db) : IClassFixture<FormsFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private static void Tune(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<FormsOptions>>().Value;
        options.ImportBatchSize = 100;
        options.ImportBulkSegmentSize = 500;
        options.BulkImportThreshold = 1_000;
    }

    private async Task<(string Status, int Processed, long Records, long Codes, long History, long Events)> StateAsync(Guid job, string app)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        return await conn.QuerySingleAsync<(string, int, long, long, long, long)>("""
            SELECT j.status, j.processed,
                   (SELECT count(*) FROM forms.records WHERE app_key = @app),
                   (SELECT count(DISTINCT data->>'code') FROM forms.records WHERE app_key = @app),
                   (SELECT count(*) FROM forms.record_history WHERE app_key = @app),
                   (SELECT count(*) FROM forms.record_events WHERE app_key = @app)
            FROM forms.import_jobs j WHERE j.id = @job
            """, new { job, app });
    }

    private async Task WaitForAsync(Guid job, string app, Func<(string Status, int Processed), bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var state = await StateAsync(job, app);
            if (done((state.Status, state.Processed))) return;
            Assert.True(DateTime.UtcNow < deadline, $"Job {job} still {state.Status} at row {state.Processed}.");
            await Task.Delay(20);
        }
    }

    [Theory]
    [InlineData("imp_keyed", true, 3_000)]
    [InlineData("imp_bulk", false, 6_000)]
    public async Task A_background_import_interrupted_by_a_restart_resumes_after_its_last_committed_row(string app, bool keyed, int rows)
    {
        await TestForms.PublishAsync(db.Services, TestForms.Customers.Replace("\"app\": \"crm\"", $"\"app\": \"{app}\""));
        var csv = new StringBuilder("name,code,industry\n");
        for (var i = 0; i < rows; i++) csv.Append($"Customer {i},K{i:00000},{(i % 3 == 0 ? "mfg" : "it")}\n");
        var director = TestForms.User("director", roles: ["director", "sales"]);
        var options = keyed ? new ImportOptions { KeyField = "code", OnDuplicate = DuplicateMode.Skip } : new ImportOptions();

        // The first process starts the job and is stopped after a few commits, in the middle of the file.
        var first = db.BuildServices(db.ConnectionString);
        Tune(first);
        var job = await first.GetRequiredService<ImportJobs>().StartAsync(director, app, "customers", Encoding.UTF8.GetBytes(csv.ToString()), "customers.csv", options, rows, default);
        await WaitForAsync(job, app, s => s.Processed >= rows / 10 || s.Status != "running");
        await first.DisposeAsync();

        var stopped = await StateAsync(job, app);
        Assert.Equal("running", stopped.Status);
        Assert.InRange(stopped.Processed, rows / 10, rows - 1);
        Assert.Equal(stopped.Processed, stopped.Records); // exactly the committed rows, nothing of the interrupted batch
        Assert.Equal((stopped.Records, stopped.Records), (stopped.History, stopped.Events));

        // A new process on the same database picks the job up at start-up and finishes it without repeating a row.
        await using var second = db.BuildServices(db.ConnectionString);
        Tune(second);
        var hosted = second.GetServices<IHostedService>().ToList();
        foreach (var service in hosted) await service.StartAsync(default);
        await WaitForAsync(job, app, s => s.Status != "running");
        foreach (var service in hosted) await service.StopAsync(default);

        var finished = await StateAsync(job, app);
        Assert.Equal(("completed", rows), (finished.Status, finished.Processed));
        Assert.Equal((rows, rows, rows, rows), ((int)finished.Records, (int)finished.Codes, (int)finished.History, (int)finished.Events));
        var report = (await second.GetRequiredService<ImportJobs>().GetAsync(job, default))!.Report!;
        Assert.Equal((rows, rows, 0, 0), (report.Total, report.Inserted, report.Skipped, report.Failed));
    }
}
