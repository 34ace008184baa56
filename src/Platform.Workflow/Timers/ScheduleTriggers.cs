using System.Text.Json;
using System.Text.Json.Nodes;
using Cronos;
using Dapper;
using Npgsql;
using Platform.Core.Expressions;
using Platform.Workflow.Definitions;
using Platform.Workflow.Jobs;
using Platform.Workflow.Records;
using Platform.Workflow.Runtime;

namespace Platform.Workflow.Timers;

/// <summary>
/// Cron and date-field start events. Each published version keeps one pending schedule job per such start event;
/// firing it starts the instances due and schedules the next occurrence in the same transaction.
/// </summary>
internal sealed class ScheduleTriggers(ModelCache models, WorkflowEngine engine, IWorkflowRecords records, IExpressionSandbox sandbox,
    Microsoft.Extensions.Options.IOptions<WorkflowOptions> options)
{
    private const string DefaultDateFieldCron = "0 * * * *";

    public async Task ScheduleVersionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid versionId, WorkflowModel model, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var start in model.StartEvents.Where(s => s.Trigger?.Kind is TriggerKind.Schedule or TriggerKind.DateField))
            await ScheduleNextAsync(conn, tx, versionId, start, now, ct);
    }

    /// <summary>The next occurrence after <paramref name="after"/>, reading the cron fields as wall-clock time in <paramref name="zone"/>.</summary>
    public static DateTimeOffset? Next(string cron, DateTimeOffset after, TimeZoneInfo zone)
    {
        var format = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        var next = CronExpression.Parse(cron, format).GetNextOccurrence(after.UtcDateTime, zone);
        return next is null ? null : new DateTimeOffset(next.Value, TimeSpan.Zero);
    }

    private async Task ScheduleNextAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid versionId, FlowNode start, DateTimeOffset after, CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(start.Trigger!.TimeZone ?? options.Value.TimeZone);
        var next = Next(start.Trigger!.Cron ?? DefaultDateFieldCron, after, zone);
        if (next is null) return;
        await JobStore.InsertAsync(conn, tx, JobKinds.Schedule, null, null, start.Id, next.Value,
            new JsonObject { ["versionId"] = versionId.ToString() }, $"schedule:{versionId}:{start.Id}:{next.Value.UtcTicks}", 5, after, ct);
    }

    public async Task<string> FireAsync(NpgsqlConnection conn, NpgsqlTransaction tx, JobRow job, DateTimeOffset now, CancellationToken ct)
    {
        var versionId = Guid.Parse(job.PayloadObject["versionId"]!.GetValue<string>());
        var current = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT is_current FROM workflow.definition_versions WHERE id = @versionId", new { versionId }, tx, cancellationToken: ct));
        if (!current) return "retired";
        var model = await models.GetAsync(conn, tx, versionId, ct);
        var start = model.Node(job.NodeId!);
        var trigger = start.Trigger!;
        var started = 0;
        if (trigger.FormKey is null)
        {
            await engine.StartAsync(conn, tx, versionId, start.Id, null, [], Guid.Empty, now, ct);
            started++;
        }
        else
        {
            foreach (var record in await records.ListAsync(conn, tx, trigger.AppKey!, trigger.FormKey, ct))
                if (await ShouldStartAsync(conn, tx, model, trigger, record, now, ct))
                {
                    await engine.StartAsync(conn, tx, versionId, start.Id, record.Id, [], Guid.Empty, now, ct);
                    started++;
                }
        }
        await ScheduleNextAsync(conn, tx, versionId, start, new DateTimeOffset(job.DueAt, TimeSpan.Zero), ct);
        return $"started {started}";
    }

    private async Task<bool> ShouldStartAsync(NpgsqlConnection conn, NpgsqlTransaction tx, WorkflowModel model, StartTrigger trigger, WorkflowRecord record, DateTimeOffset now, CancellationToken ct)
    {
        if (trigger.Condition is not null && !sandbox.EvaluateCondition(trigger.Condition, ExpressionScope.For(ExpressionScope.Build([], record, now), trigger.Condition), ct)) return false;
        if (trigger.Kind != TriggerKind.DateField) return true;
        var value = record.Data[trigger.DateField!];
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String || !Iso8601.TryParseDate(v.GetValue<string>(), out var date)) return false;
        if (date + trigger.DateOffset > now) return false;
        // Once per record and date value: moving the date later makes the record due again.
        var inserted = await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflow.trigger_log (trigger_key, at) VALUES (@key, @now) ON CONFLICT (trigger_key) DO NOTHING
            """, new { key = $"datefield:{model.ProcessId}:{record.Id}:{v.GetValue<string>()}", now }, tx, cancellationToken: ct));
        return inserted == 1;
    }
}
