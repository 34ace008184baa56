using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Reports.Storage;

namespace Platform.Reports.Definitions.Store;

/// <summary>Drafts and published versions of reports and dashboards, stored as their JSON documents; published ones are cached parsed.</summary>
internal sealed class ReportDefinitionStore(
    IServiceScopeFactory scopes, ReportDefinitionParser parser, ReportChecker checker, TimeProvider time, PublishedDefinitionCache published) : IReportDefinitions
{
    public async Task<ReportDefinition> SaveReportDraftAsync(ReportDefinition draft, UserContext user, CancellationToken ct)
    {
        parser.Check(draft);
        await checker.CheckAsync(draft, ct);
        await SaveDraftAsync(DefinitionKinds.Report, draft.App, draft.Key, parser.Serialize(draft with { Version = 0 }), user, ct);
        return draft with { Version = 0 };
    }

    public async Task<ReportDefinition?> GetReportDraftAsync(string app, string key, CancellationToken ct) =>
        await LoadDraftAsync(DefinitionKinds.Report, app, key, ct) is { } json ? parser.ParseReport(json) : null;

    public async Task<ReportDefinition> PublishReportAsync(string app, string key, UserContext user, CancellationToken ct)
    {
        var draft = await GetReportDraftAsync(app, key, ct) ?? throw NotFound("report", app, key);
        await checker.CheckAsync(draft, ct);
        var version = await PublishAsync(DefinitionKinds.Report, app, key, v => parser.Serialize(draft with { Version = v }), user, ct);
        return draft with { Version = version };
    }

    public Task<ReportDefinition?> GetReportAsync(string app, string key, int? version, CancellationToken ct) =>
        published.GetOrLoadAsync(DefinitionKinds.Report, app, key, version, async () =>
            await LoadVersionAsync(DefinitionKinds.Report, app, key, version, ct) is { } json ? parser.ParseReport(json) : null);

    public async Task<DashboardDefinition> SaveDashboardDraftAsync(DashboardDefinition draft, UserContext user, CancellationToken ct)
    {
        parser.Check(draft);
        await CheckWidgetsAsync(draft, ct);
        await SaveDraftAsync(DefinitionKinds.Dashboard, draft.App, draft.Key, parser.Serialize(draft with { Version = 0 }), user, ct);
        return draft with { Version = 0 };
    }

    public async Task<DashboardDefinition?> GetDashboardDraftAsync(string app, string key, CancellationToken ct) =>
        await LoadDraftAsync(DefinitionKinds.Dashboard, app, key, ct) is { } json ? parser.ParseDashboard(json) : null;

    public async Task<DashboardDefinition> PublishDashboardAsync(string app, string key, UserContext user, CancellationToken ct)
    {
        var draft = await GetDashboardDraftAsync(app, key, ct) ?? throw NotFound("dashboard", app, key);
        await CheckWidgetsAsync(draft, ct);
        var version = await PublishAsync(DefinitionKinds.Dashboard, app, key, v => parser.Serialize(draft with { Version = v }), user, ct);
        return draft with { Version = version };
    }

    public Task<DashboardDefinition?> GetDashboardAsync(string app, string key, int? version, CancellationToken ct) =>
        published.GetOrLoadAsync(DefinitionKinds.Dashboard, app, key, version, async () =>
            await LoadVersionAsync(DefinitionKinds.Dashboard, app, key, version, ct) is { } json ? parser.ParseDashboard(json) : null);

    public async Task<IReadOnlyList<DefinitionSummary>> ListAsync(string app, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportsDbContext>();
        var rows = await db.Definitions.AsNoTracking().Where(d => d.AppKey == app).OrderBy(d => d.Kind).ThenBy(d => d.Key).ToListAsync(ct);
        return rows.Select(r =>
        {
            var name = r.Kind == DefinitionKinds.Report ? parser.ParseReport(r.Draft).Name : parser.ParseDashboard(r.Draft).Name;
            return new DefinitionSummary(r.Kind, r.AppKey, r.Key, name.En, name.Zh, r.PublishedVersion, r.UpdatedAt);
        }).ToList();
    }

    public async Task<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(string kind, string app, string key, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportsDbContext>();
        return await db.Versions.AsNoTracking().Where(v => v.Kind == kind && v.AppKey == app && v.Key == key)
            .OrderByDescending(v => v.Version).Select(v => new DefinitionVersionInfo(v.Version, v.PublishedAt, v.PublishedBy)).ToListAsync(ct);
    }

    public async Task<bool> DeleteAsync(string kind, string app, string key, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportsDbContext>();
        var deleted = await db.Definitions.Where(d => d.Kind == kind && d.AppKey == app && d.Key == key).ExecuteDeleteAsync(ct);
        await db.Versions.Where(d => d.Kind == kind && d.AppKey == app && d.Key == key).ExecuteDeleteAsync(ct);
        published.Invalidate(kind, app, key);
        return deleted > 0;
    }

    private async Task CheckWidgetsAsync(DashboardDefinition dashboard, CancellationToken ct)
    {
        var errors = new List<ReportError>();
        foreach (var w in dashboard.Widgets)
        {
            var report = await GetReportAsync(dashboard.App, w.Report, null, ct) ?? await GetReportDraftAsync(dashboard.App, w.Report, ct);
            if (report is null)
            {
                errors.Add(new($"widgets.{w.Id}.report", $"The report '{w.Report}' does not exist.", $"报表“{w.Report}”不存在。"));
                continue;
            }
            foreach (var (param, filterKey) in w.Bindings ?? new Dictionary<string, string>())
            {
                var p = report.Parameter(param);
                var filter = dashboard.Filters.FirstOrDefault(f => f.Key == filterKey);
                if (p is null)
                    errors.Add(new($"widgets.{w.Id}.bindings.{param}", $"The report '{w.Report}' has no parameter '{param}'.", $"报表“{w.Report}”没有参数“{param}”。"));
                else if (filter is not null && filter.Type != p.Type)
                    errors.Add(new($"widgets.{w.Id}.bindings.{param}", $"The filter '{filterKey}' is a {filter.Type} but the parameter '{param}' is a {p.Type}.",
                        $"筛选器“{filterKey}”的类型（{filter.Type}）与参数“{param}”的类型（{p.Type}）不一致。"));
            }
        }
        if (errors.Count > 0) throw new ReportException(errors);
    }

    private async Task SaveDraftAsync(string kind, string app, string key, string json, UserContext user, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportsDbContext>();
        var now = time.GetUtcNow();
        var entity = await db.Definitions.FindAsync([kind, app, key], ct);
        if (entity is null)
            db.Definitions.Add(new DefinitionEntity { Kind = kind, AppKey = app, Key = key, Draft = json, CreatedAt = now, UpdatedAt = now, UpdatedBy = user.UserId });
        else
        {
            entity.Draft = json;
            entity.UpdatedAt = now;
            entity.UpdatedBy = user.UserId;
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task<string?> LoadDraftAsync(string kind, string app, string key, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportsDbContext>();
        return await db.Definitions.AsNoTracking().Where(d => d.Kind == kind && d.AppKey == app && d.Key == key).Select(d => d.Draft).FirstOrDefaultAsync(ct);
    }

    private async Task<int> PublishAsync(string kind, string app, string key, Func<int, string> document, UserContext user, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportsDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var entity = await db.Definitions.FromSqlInterpolated(
                $"SELECT * FROM reports.definitions WHERE kind = {kind} AND app_key = {app} AND key = {key} FOR UPDATE")
            .FirstOrDefaultAsync(ct) ?? throw NotFound(kind, app, key);
        var version = (entity.PublishedVersion ?? 0) + 1;
        var now = time.GetUtcNow();
        db.Versions.Add(new DefinitionVersionEntity { Kind = kind, AppKey = app, Key = key, Version = version, Definition = document(version), PublishedAt = now, PublishedBy = user.UserId });
        entity.PublishedVersion = version;
        entity.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        published.Invalidate(kind, app, key);
        return version;
    }

    private async Task<string?> LoadVersionAsync(string kind, string app, string key, int? version, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportsDbContext>();
        var query = db.Versions.AsNoTracking().Where(v => v.Kind == kind && v.AppKey == app && v.Key == key);
        query = version is { } v ? query.Where(x => x.Version == v) : query.OrderByDescending(x => x.Version);
        return await query.Select(x => x.Definition).FirstOrDefaultAsync(ct);
    }

    private static ReportException NotFound(string kind, string app, string key) =>
        new("key", $"There is no {kind} '{key}' in app '{app}'.", $"应用“{app}”中没有{(kind == DefinitionKinds.Report ? "报表" : "仪表盘")}“{key}”。");
}
