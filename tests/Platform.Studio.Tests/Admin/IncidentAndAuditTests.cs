using Dapper;
using Npgsql;
using Platform.Core.Identity;
using Microsoft.Extensions.DependencyInjection;
using Platform.Studio.Admin;

namespace Platform.Studio.Tests.Admin;

public sealed class IncidentAndAuditTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Open_incidents_are_listed_and_retry_and_skip_requeue_their_jobs_and_are_audited()
    {
        var retryId = await FailedJobAsync("http_call", "HTTP 503 from erp.example.com");
        var skipId = await FailedJobAsync("notify_boss", "SMTP server refused the message");
        var incidents = fixture.Get<IncidentAdministration>();

        var open = await incidents.ListOpenAsync(fixture.Admin, Ct);
        Assert.Equal(new[] { skipId, retryId }.Order(), open.Where(i => i.Id == retryId || i.Id == skipId).Select(i => i.Id).Order());

        await incidents.RetryAsync(fixture.Admin, open.Single(i => i.Id == retryId), Ct);
        await incidents.SkipAsync(fixture.Admin, open.Single(i => i.Id == skipId), Ct);

        Assert.DoesNotContain(await incidents.ListOpenAsync(fixture.Admin, Ct), i => i.Id == retryId || i.Id == skipId);
        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        var jobs = (await conn.QueryAsync<(string NodeId, string Status, int Attempts, bool Skip)>(
            "SELECT j.node_id, j.status, j.attempts, coalesce((j.payload->>'skip')::boolean, false) FROM workflow.jobs j JOIN workflow.incidents i ON i.job_id = j.id WHERE i.id = ANY(@ids) ORDER BY j.node_id",
            new { ids = new[] { retryId, skipId } })).ToList();
        Assert.Equal([("http_call", "pending", 0, false), ("notify_boss", "pending", 0, true)], jobs);
        var resolvedBy = await conn.QueryAsync<Guid>("SELECT resolved_by FROM workflow.incidents WHERE id = ANY(@ids)", new { ids = new[] { retryId, skipId } });
        Assert.All(resolvedBy, by => Assert.Equal(fixture.Admin.UserId, by));
        var audited = (await fixture.AuditAsync(new AuditQuery("incident"))).Items;
        Assert.Contains(audited, e => e.Action == "incident.retried" && e.Target.Contains("http_call") && e.Details == "HTTP 503 from erp.example.com");
        Assert.Contains(audited, e => e.Action == "incident.skipped" && e.Target.Contains("notify_boss"));
    }

    [Fact]
    public async Task The_audit_log_filters_by_area_text_and_time_window_and_pages_newest_first()
    {
        var log = fixture.Get<AuditAdministration>();
        var start = fixture.Clock.GetUtcNow();
        await fixture.InScopeAsync(async sp =>
        {
            var audit = sp.GetRequiredService<IAuditLog>();
            for (var i = 0; i < 5; i++)
            {
                fixture.Clock.Advance(TimeSpan.FromMinutes(10));
                await audit.WriteAsync(new AuditEvent(fixture.Admin.UserId, "管理员", i % 2 == 0 ? "role.created" : "user.disabled", $"window-{i}", "第 " + i + " 条"), Ct);
            }
            return true;
        });

        var roles = await log.QueryAsync(fixture.Admin, new AuditQuery("role", Text: "window-"), Ct);
        Assert.Equal(["window-4", "window-2", "window-0"], roles.Items.Select(e => e.Target));
        var window = await log.QueryAsync(fixture.Admin, new AuditQuery(Text: "window-", From: start.AddMinutes(15), To: start.AddMinutes(35)), Ct);
        Assert.Equal(["window-2", "window-1"], window.Items.Select(e => e.Target));
        var page = await log.QueryAsync(fixture.Admin, new AuditQuery(Text: "window-", Skip: 2, Take: 2), Ct);
        Assert.Equal(5, page.Total);
        Assert.Equal(["window-2", "window-1"], page.Items.Select(e => e.Target));
        Assert.Single((await log.QueryAsync(fixture.Admin, new AuditQuery(Text: "第 3 条"), Ct)).Items);
        Assert.Empty((await log.QueryAsync(fixture.Admin, new AuditQuery("rol", Text: "window-"), Ct)).Items);
        Assert.Empty((await log.QueryAsync(fixture.Admin, new AuditQuery(Text: "window-%"), Ct)).Items);
    }

    /// <summary>A job that ran out of attempts and its incident, as the job runner leaves them.</summary>
    private async Task<Guid> FailedJobAsync(string nodeId, string error)
    {
        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        var now = fixture.Clock.GetUtcNow();
        var jobId = await conn.ExecuteScalarAsync<long>("""
            INSERT INTO workflow.jobs (kind, instance_id, node_id, due_at, payload, idempotency_key, attempts, max_attempts, status, last_error, created_at)
            VALUES ('http', @instance, @nodeId, @now, '{"type":"http"}', @key, 5, 5, 'incident', @error, @now) RETURNING id
            """, new { instance = Guid.NewGuid(), nodeId, now, key = Guid.NewGuid().ToString(), error });
        var id = Guid.CreateVersion7(now);
        await conn.ExecuteAsync("""
            INSERT INTO workflow.incidents (id, job_id, instance_id, node_id, kind, error, created_at)
            SELECT @id, id, instance_id, node_id, kind, last_error, created_at FROM workflow.jobs WHERE id = @jobId
            """, new { id, jobId });
        return id;
    }
}
