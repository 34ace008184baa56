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
using Platform.Forms.Apps;
using Platform.Forms.Definitions;
using Platform.Forms.Records;
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
        await EnsureFormsAsync();
        await using var scope = Services.CreateAsyncScope();
        var definitions = scope.ServiceProvider.GetRequiredService<IWorkflowDefinitions>();
        var saved = await definitions.ImportAsync(xml, key, Admin, default);
        return (await definitions.PublishAsync(saved.Key, Admin, default)).Id;
    }

    private readonly SemaphoreSlim _formsGate = new(1, 1);
    private bool _formsPublished;

    /// <summary>Publishes <see cref="TestForms"/> once per database, through the form engine like any app's forms.</summary>
    public async Task EnsureFormsAsync()
    {
        await _formsGate.WaitAsync();
        try
        {
            if (_formsPublished) return;
            var forms = Get<IFormDefinitions>();
            foreach (var form in TestForms.All)
            {
                if (await forms.GetAppAsync(form.App, default) is null)
                    await forms.SaveAppAsync(new AppInfo(form.App, LocalizedText.Same(form.App)), default);
                await forms.SaveDraftAsync(form, UserContext.System, default);
                await forms.PublishAsync(form.App, form.Key, UserContext.System, default);
            }
            _formsPublished = true;
        }
        finally
        {
            _formsGate.Release();
        }
    }

    /// <summary>An administrator acting as <paramref name="actor"/>, so tests write whatever the form accepts.</summary>
    public static UserContext Writer(Guid actor, Guid? department = null) =>
        new(actor, "writer", "Writer", department, null, new HashSet<string>(), IsAdministrator: true);

    /// <summary>Creates a record through the form engine (validation, history, change event); fails the test when refused.</summary>
    public async Task<Guid> CreateRecordAsync(string app, string form, object data, Guid actor, Guid? owner = null, Guid? department = null)
    {
        await EnsureFormsAsync();
        var json = JsonNode.Parse(JsonSerializer.Serialize(data))!.AsObject();
        var result = await Get<IRecordStore>().CreateAsync(Writer(actor, department), app, form, json, default,
            new RecordCreateOptions { OwnerId = owner, DepartmentId = department });
        return Saved(result).Id;
    }

    /// <summary>A partial update through the form engine at the record's current version.</summary>
    public async Task UpdateRecordAsync(Guid id, object changes, Guid actor)
    {
        var (app, form) = await QuerySingleAsync<(string, string)>("SELECT app_key, form_key FROM forms.records WHERE id = @id", new { id });
        var store = Get<IRecordStore>();
        var current = await store.GetAsync(Writer(actor), app, form, id, default) ?? throw new InvalidOperationException($"Record {id} not found.");
        var patch = JsonNode.Parse(JsonSerializer.Serialize(changes))!.AsObject();
        Saved(await store.UpdateAsync(Writer(actor), app, form, id, patch, current.Version, partial: true, default));
    }

    private static FormRecord Saved(RecordWriteResult result) => result switch
    {
        RecordWriteResult.Saved saved => saved.Record,
        RecordWriteResult.Invalid invalid => throw new InvalidOperationException(
            "The form engine refused the test's record write: " + string.Join("; ", invalid.Errors.Select(e => $"{e.Field}: {e.En}"))),
        _ => throw new InvalidOperationException($"The form engine refused the test's record write: {result}"),
    };

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
