using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Platform.Core.Database;
using Platform.Core.Organization;
using Platform.Testing;
using Platform.Workflow.Definitions;
using Platform.Forms;
using Platform.Workflow.Jobs;

namespace Platform.Workflow.Tests.Support;

/// <summary>A database with the workflow engine, an in-test organisation and a clock the tests move.</summary>
public class WorkflowFixture : DatabaseFixture
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);
    public TestOrgDirectory Org { get; } = new();
    public UserContext Admin { get; } = new(Guid.NewGuid(), "admin", "Admin", null, null, new HashSet<string>(), true);

    protected override string TemplateName => "tpl_workflow_tests";

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddForms();
        services.AddSingleton<IWorkflowFormCatalog, TestFormCatalog>();
        services.AddWorkflow(ConfigureWorkflow);
        if (FakeClock) services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IOrgDirectory>(Org);
    }

    /// <summary>False for the tests that prove behaviour on the real clock.</summary>
    protected virtual bool FakeClock => true;

    protected virtual void ConfigureWorkflow(WorkflowOptions options)
    {
        options.WorkerId = "test-worker";
        options.RetryBackoff = TimeSpan.FromSeconds(10);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Saves the BPMN as a draft and publishes it; returns the version id.</summary>
    public async Task<Guid> PublishAsync(string xml, string? key = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var definitions = scope.ServiceProvider.GetRequiredService<IWorkflowDefinitions>();
        var saved = await definitions.ImportAsync(xml, key, Admin, default);
        return (await definitions.PublishAsync(saved.Key, Admin, default)).Id;
    }

    /// <summary>Writes a record and its created event the way the form engine does (one transaction).</summary>
    public async Task<Guid> CreateRecordAsync(string app, string form, object data, Guid actor, Guid? owner = null, Guid? department = null, Guid? partner = null)
    {
        var id = Guid.NewGuid();
        var json = JsonSerializer.Serialize(data);
        await ExecuteAsync("""
            INSERT INTO forms.records (id, app_key, form_key, data, owner_id, department_id, partner_id, created_by, created_at, updated_by, updated_at, version)
            VALUES (@id, @app, @form, @json::jsonb, @owner, @department, @partner, @actor, @now, @actor, @now, 1);
            INSERT INTO forms.record_events (record_id, app_key, form_key, kind, changed_fields, actor_id, occurred_at, before, after)
            VALUES (@id, @app, @form, 'created', @fields, @actor, @now, NULL, @json::jsonb);
            """, new { id, app, form, json, owner, department, partner, actor, now = Time.GetUtcNow(), fields = JsonNode.Parse(json)!.AsObject().Select(p => p.Key).ToArray() });
        return id;
    }

    public async Task UpdateRecordAsync(Guid id, object changes, Guid actor)
    {
        var patch = JsonNode.Parse(JsonSerializer.Serialize(changes))!.AsObject();
        await ExecuteAsync("""
            WITH old AS (SELECT id, app_key, form_key, data FROM forms.records WHERE id = @id FOR UPDATE),
            upd AS (UPDATE forms.records r SET data = r.data || @patch::jsonb, updated_by = @actor, updated_at = @now, version = version + 1
                    FROM old WHERE r.id = old.id RETURNING r.data)
            INSERT INTO forms.record_events (record_id, app_key, form_key, kind, changed_fields, actor_id, occurred_at, before, after)
            SELECT old.id, old.app_key, old.form_key, 'updated', @fields, @actor, @now, old.data, upd.data FROM old, upd
            """, new { id, patch = patch.ToJsonString(), actor, now = Time.GetUtcNow(), fields = patch.Select(p => p.Key).ToArray() });
    }

    /// <summary>Consumes record events and runs due jobs until nothing is left at the current (fake) time.</summary>
    public async Task PumpAsync()
    {
        var triggers = Get<RecordEventTriggers>();
        var runner = Get<JobRunner>();
        for (var pass = 0; pass < 1000; pass++)
        {
            var work = await triggers.ProcessAsync(default) + await runner.RunDueAsync(default);
            if (work == 0) return;
        }
        throw new InvalidOperationException("Workflow did not settle after 1000 passes.");
    }

    /// <summary>Lets the engine catch up at the current time (as a running worker would), then moves the clock and catches up again.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        await PumpAsync();
        Time.Advance(by);
        await PumpAsync();
    }

    public async Task<string> StatusAsync(Guid instanceId) =>
        await QuerySingleAsync<string>("SELECT status FROM workflow.instances WHERE id = @instanceId", new { instanceId });

    public async Task<List<Guid>> InstancesOfAsync(Guid recordId) =>
        await QueryAsync<Guid>("SELECT id FROM workflow.instances WHERE record_id = @recordId ORDER BY started_at, id", new { recordId });

    public async Task<JsonObject> RecordDataAsync(Guid id) =>
        JsonNode.Parse(await QuerySingleAsync<string>("SELECT data::text FROM forms.records WHERE id = @id", new { id }))!.AsObject();

    public async Task<List<string>> NotificationsOfAsync(Guid userId) =>
        await QueryAsync<string>("SELECT subject FROM workflow.notifications WHERE user_id = @userId ORDER BY created_at, id", new { userId });

    public async Task<List<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        return (await conn.QueryAsync<T>(sql, args)).ToList();
    }

    public async Task<T> QuerySingleAsync<T>(string sql, object? args = null)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        return await conn.QuerySingleAsync<T>(sql, args);
    }

    public async Task ExecuteAsync(string sql, object? args = null)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.ExecuteAsync(sql, args);
    }
}
