using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Platform.Core.Organization;
using Platform.Workflow.Jobs;
using Platform.Workflow.Timers;

namespace Platform.Workflow.Definitions;

internal sealed partial class WorkflowDefinitions(WorkflowDbContext db, WorkflowValidator validator, ScheduleTriggers schedules, TimeProvider time)
    : IWorkflowDefinitions
{
    public const string AdminRole = "workflow_admin";

    public async Task<DefinitionSummary> SaveDraftAsync(string key, string bpmnXml, UserContext user, CancellationToken ct)
    {
        RequireAdmin(user);
        if (!KeyPattern().IsMatch(key))
            throw new WorkflowDefinitionException([new(null, $"Workflow key '{key}' must be letters, digits, '_' or '-' (1-64, starting with a letter).",
                $"流程标识 '{key}' 只能包含字母、数字、'_' 或 '-'（1-64 个字符，以字母开头）。")]);
        var model = BpmnParser.Parse(bpmnXml);
        var entity = await db.Definitions.SingleOrDefaultAsync(d => d.Key == key, ct);
        if (entity is null)
        {
            entity = new WorkflowDefinitionEntity { Id = Guid.CreateVersion7(), Key = key, Name = model.Name, DraftXml = bpmnXml };
            db.Definitions.Add(entity);
        }
        entity.Name = model.Name;
        entity.DraftXml = bpmnXml;
        entity.UpdatedAt = time.GetUtcNow();
        entity.UpdatedBy = user.UserId;
        await db.SaveChangesAsync(ct);
        return Summary(entity);
    }

    public Task<DefinitionSummary> ImportAsync(string bpmnXml, string? key, UserContext user, CancellationToken ct) =>
        SaveDraftAsync(key ?? BpmnParser.Parse(bpmnXml).ProcessId, bpmnXml, user, ct);

    public async Task<PublishedVersion> PublishAsync(string key, UserContext user, CancellationToken ct)
    {
        RequireAdmin(user);
        var entity = await db.Definitions.SingleOrDefaultAsync(d => d.Key == key, ct)
            ?? throw new WorkflowNotFoundException($"Workflow '{key}' does not exist. / 流程 '{key}' 不存在。");
        var model = BpmnParser.Parse(entity.DraftXml);
        var errors = await validator.ValidateAsync(model, ct);
        if (errors.Count > 0) throw new WorkflowDefinitionException(errors);

        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Versions.Where(v => v.Key == key && v.IsCurrent).ExecuteUpdateAsync(s => s.SetProperty(v => v.IsCurrent, false), ct);
        entity.LatestVersion++;
        var version = new WorkflowVersionEntity
        {
            Id = Guid.CreateVersion7(now), DefinitionId = entity.Id, Key = key, Version = entity.LatestVersion, Name = model.Name,
            Xml = entity.DraftXml, PublishedAt = now, PublishedBy = user.UserId, IsCurrent = true,
        };
        db.Versions.Add(version);
        await db.SaveChangesAsync(ct);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTx = (NpgsqlTransaction)tx.GetDbTransaction();
        await schedules.ScheduleVersionAsync(conn, npgsqlTx, version.Id, model, now, ct);
        if (model.StartEvents.Any(s => s.Trigger?.IsRecordEvent == true))
            await RecordEventTriggers.EnsureCursorAsync(conn, npgsqlTx, ct);
        await tx.CommitAsync(ct);
        return ToPublished(version);
    }

    public async Task<IReadOnlyList<DefinitionError>> ValidateAsync(string bpmnXml, CancellationToken ct)
    {
        try
        {
            return await validator.ValidateAsync(BpmnParser.Parse(bpmnXml), ct);
        }
        catch (WorkflowDefinitionException e)
        {
            return e.Errors;
        }
    }

    public async Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken ct) =>
        (await db.Definitions.AsNoTracking().OrderBy(d => d.Key).ToListAsync(ct)).Select(Summary).ToList();

    public async Task<IReadOnlyList<PublishedVersion>> VersionsAsync(string key, CancellationToken ct) =>
        (await db.Versions.AsNoTracking().Where(v => v.Key == key).OrderByDescending(v => v.Version).ToListAsync(ct)).Select(ToPublished).ToList();

    public async Task<string?> ExportAsync(string key, int? version, CancellationToken ct)
    {
        if (version is null) return await db.Definitions.Where(d => d.Key == key).Select(d => d.DraftXml).SingleOrDefaultAsync(ct);
        return await db.Versions.Where(v => v.Key == key && v.Version == version).Select(v => v.Xml).SingleOrDefaultAsync(ct);
    }

    internal static void RequireAdmin(UserContext user)
    {
        if (!user.IsAdministrator && !user.Roles.Contains(AdminRole))
            throw new WorkflowAccessDeniedException("Only administrators may change workflows. / 只有管理员可以修改流程。");
    }

    private static DefinitionSummary Summary(WorkflowDefinitionEntity e) => new(e.Key, e.Name, e.LatestVersion, e.UpdatedAt);

    private static PublishedVersion ToPublished(WorkflowVersionEntity v) => new(v.Id, v.Key, v.Version, v.Name, v.PublishedAt, v.IsCurrent);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex KeyPattern();
}
