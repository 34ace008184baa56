using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Core.Organization;
using Platform.Forms.Records;
using Platform.Packages.Tests.Install;
using Platform.Workflow;
using Platform.Workflow.Tasks;

namespace Platform.Packages.Tests.Support;

/// <summary>
/// The channel CRM installed into an empty database with the real workflow worker (the hosted service the Studio
/// runs) on a fake clock: the test moves time, the worker fires the timers. Its idle wait runs on the same clock, so
/// <see cref="SettleAsync"/> nudges the clock by a few milliseconds until no event or due job is left.
/// </summary>
public sealed class WorkerFixture : PackagesFixture, IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private List<IHostedService> _workers = [];

    protected override string TemplateName => "tpl_packages_worker1";

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddWorkflowWorker();
        services.Configure<WorkflowOptions>(o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(5);
            o.Smtp.Port = 1; // nothing listens: mails stay in the outbox, where the tests read them
        });
    }

    protected override async Task OnInitializedAsync()
    {
        await InstallAsync(Templates.ChannelCrm());
        _workers = Services.GetServices<IHostedService>().ToList();
        foreach (var worker in _workers) await worker.StartAsync(Ct);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var worker in _workers) await worker.StopAsync(Ct);
        await DisposeAsync();
    }

    /// <summary>Waits (up to 90 s of real time) until every record event is consumed and no job is due.</summary>
    public async Task SettleAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        for (var idle = 0; idle < 3;)
        {
            Clock.Advance(TimeSpan.FromMilliseconds(5));
            await Task.Delay(40);
            idle = await IdleAsync() ? idle + 1 : 0;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The workflow worker did not settle within 90 s. Due jobs: " + string.Join("; ", await QueryAsync<string>(
                    "SELECT kind || ' ' || coalesce(node_id, '') || ' ' || due_at || ' ' || coalesce(last_error, '') FROM workflow.jobs WHERE status = 'pending' AND kind <> 'effect' AND due_at <= @now",
                    new { now = Clock.GetUtcNow() })));
        }
    }

    /// <summary>Lets the worker catch up, moves the clock, and lets it catch up again.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        await SettleAsync();
        Clock.Advance(by);
        await SettleAsync();
    }

    private async Task<bool> IdleAsync()
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        return await conn.ExecuteScalarAsync<bool>("""
            SELECT NOT EXISTS (SELECT 1 FROM workflow.jobs WHERE status = 'pending' AND kind <> 'effect' AND due_at <= @now)
               AND coalesce((SELECT max(id) FROM forms.record_events), 0) <= coalesce((SELECT max(last_event_id) FROM workflow.trigger_cursors), 0)
            """, new { now = Clock.GetUtcNow() });
    }

    public async Task<List<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        return (await conn.QueryAsync<T>(sql, args)).ToList();
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        return (await conn.ExecuteScalarAsync<T>(sql, args))!;
    }

    public Task<List<string>> NotificationsOfAsync(Guid userId) =>
        QueryAsync<string>("SELECT subject FROM workflow.notifications WHERE user_id = @userId ORDER BY created_at, id", new { userId });

    /// <summary>E-mails written to the outbox (recipients and subject), whether or not delivery has succeeded yet.</summary>
    public Task<List<string>> MailsAsync() =>
        QueryAsync<string>("SELECT payload->>'to' || ' ' || (payload->>'subject') FROM workflow.jobs WHERE kind = 'effect' AND payload->>'type' = 'email' ORDER BY id");

    public async Task<UserContext> UserAsync(string email, string name, Guid? department = null, Guid? manager = null,
        Guid? partner = null, params string[] roles)
    {
        var id = await InScopeAsync(sp => sp.GetRequiredService<IOrganizationAdmin>().CreateUserAsync(
            new NewUser(email, name, "Scenario-pass-1", department, manager, partner, roles), Ct));
        return (await Get<IOrgDirectory>().GetUserContextAsync(id, Ct))!;
    }

    public Task<Guid> DepartmentAsync(string name, Guid? manager) =>
        InScopeAsync(sp => sp.GetRequiredService<IOrganizationAdmin>().CreateDepartmentAsync(new NewDepartment(name, ManagerId: manager), Ct));

    public Task<Guid> PartnerAsync(string name, string code, string tier, string region) =>
        InScopeAsync(sp => sp.GetRequiredService<IOrganizationAdmin>().CreatePartnerAsync(new NewPartner(name, code, tier, region), Ct));

    public async Task<Guid> CreateAsync(UserContext user, string form, JsonObject data) =>
        ChannelCrmInstallTests.Saved(await Get<IRecordStore>().CreateAsync(user, "channel_crm", form, data, Ct));

    public async Task UpdateAsync(UserContext user, string form, Guid id, JsonObject changes)
    {
        var record = (await Get<IRecordStore>().GetAsync(UserContext.System, "channel_crm", form, id, Ct))!;
        ChannelCrmInstallTests.Saved(await Get<IRecordStore>().UpdateAsync(user, "channel_crm", form, id, changes, record.Version, partial: true, Ct));
    }

    public async Task<JsonObject> DataAsync(string form, Guid id) =>
        (await Get<IRecordStore>().GetAsync(UserContext.System, "channel_crm", form, id, Ct))!.Data;

    public async Task<string?> TextAsync(string form, Guid id, string field) => (await DataAsync(form, id))[field]?.ToString();

    /// <summary>The open task of <paramref name="user"/> on <paramref name="record"/>.</summary>
    public async Task<Guid> TaskOfAsync(UserContext user, Guid record)
    {
        var items = await Get<ITaskInbox>().ListAsync(user, InboxBox.Todo, 0, 50, Ct);
        return Assert.Single(items, t => t.RecordId == record).TaskId!.Value;
    }

    public async Task<bool> HasTaskAsync(UserContext user, Guid record) =>
        (await Get<ITaskInbox>().ListAsync(user, InboxBox.Todo, 0, 50, Ct)).Any(t => t.RecordId == record);

    public Task<List<string>> IncidentsAsync() => QueryAsync<string>("SELECT node_id || ': ' || error FROM workflow.incidents WHERE resolved_at IS NULL");
}
