using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Forms.Apps;
using Platform.Forms.Storage;

namespace Platform.Forms.Definitions;

internal sealed class FormDefinitionService(
    IServiceScopeFactory scopes, FormDefinitionParser parser, RecordIndexManager indexes, TimeProvider clock) : IFormDefinitions
{
    // Published definitions are read on every record operation; a short lifetime bounds staleness across instances.
    private static readonly long CacheMilliseconds = 5_000;
    private readonly ConcurrentDictionary<(string, string), (FormDefinition? Definition, long Expires)> _published = new();

    public async Task<AppInfo> SaveAppAsync(AppInfo app, CancellationToken ct)
    {
        if (!FormDefinitionParser.IsValidKey(app.Key)) throw new DefinitionException([$"App key '{app.Key}' must be lower-case letters, digits and underscores, starting with a letter."]);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FormsDbContext>();
        var now = clock.GetUtcNow();
        var entity = await db.Apps.FindAsync([app.Key], ct);
        if (entity is null) db.Apps.Add(entity = new AppEntity { Key = app.Key, NameEn = app.Name.En, NameZh = app.Name.Zh, CreatedAt = now });
        entity.NameEn = app.Name.En;
        entity.NameZh = app.Name.Zh;
        entity.Description = app.Description;
        entity.Icon = app.Icon;
        entity.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        // Saving a retired app (reinstalling its package) brings it back.
        await db.Database.ExecuteSqlAsync($"DELETE FROM forms.retired_apps WHERE app_key = {app.Key}", ct);
        return app;
    }

    public async Task<IReadOnlyList<AppInfo>> ListAppsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FormsDbContext>();
        var retired = RetiredKeys(db);
        var apps = await db.Apps.AsNoTracking().Where(a => !retired.Contains(a.Key)).OrderBy(a => a.Key).ToListAsync(ct);
        return apps.Select(ToInfo).ToList();
    }

    public async Task<AppInfo?> GetAppAsync(string app, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FormsDbContext>();
        var retired = RetiredKeys(db);
        var entity = await db.Apps.AsNoTracking().FirstOrDefaultAsync(a => a.Key == app && !retired.Contains(a.Key), ct);
        return entity is null ? null : ToInfo(entity);
    }

    public async Task<IReadOnlyList<FormSummary>> ListFormsAsync(string app, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FormsDbContext>();
        var forms = await db.Forms.AsNoTracking().Where(f => f.AppKey == app).OrderBy(f => f.Key).ToListAsync(ct);
        return forms.Select(f => new FormSummary(f.AppKey, f.Key, parser.ParseStored(f.Draft).Name, f.PublishedVersion, f.UpdatedAt)).ToList();
    }

    public async Task<FormDefinition> SaveDraftAsync(FormDefinition draft, UserContext user, CancellationToken ct)
    {
        parser.Check(draft);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FormsDbContext>();
        if (!await db.Apps.AnyAsync(a => a.Key == draft.App, ct))
            throw new DefinitionException([$"App '{draft.App}' does not exist; create it first."]);
        var now = clock.GetUtcNow();
        var entity = await db.Forms.FindAsync([draft.App, draft.Key], ct);
        var json = parser.Serialize(draft with { Version = 0, Retired = null });
        if (entity is null) db.Forms.Add(new FormEntity { AppKey = draft.App, Key = draft.Key, Draft = json, CreatedAt = now, UpdatedAt = now, UpdatedBy = user.UserId });
        else { entity.Draft = json; entity.UpdatedAt = now; entity.UpdatedBy = user.UserId; }
        await db.SaveChangesAsync(ct);
        return draft with { Version = 0 };
    }

    public async Task<FormDefinition?> GetDraftAsync(string app, string form, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FormsDbContext>();
        var entity = await db.Forms.AsNoTracking().FirstOrDefaultAsync(f => f.AppKey == app && f.Key == form, ct);
        return entity is null ? null : parser.ParseStored(entity.Draft);
    }

    public async Task<FormDefinition> PublishAsync(string app, string form, UserContext user, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FormsDbContext>();
        var entity = await db.Forms.FirstOrDefaultAsync(f => f.AppKey == app && f.Key == form, ct)
            ?? throw new DefinitionException([$"Form '{app}/{form}' has no draft to publish."]);
        var draft = parser.ParseStored(entity.Draft);
        // A retired form (no published version) continues from its last version, so keys and types stay fixed.
        var last = entity.PublishedVersion ?? await db.FormVersions.Where(x => x.AppKey == app && x.FormKey == form).MaxAsync(x => (int?)x.Version, ct);
        var previous = last is { } v ? await LoadVersionAsync(db, app, form, v, ct) : null;
        var published = PublishedVersions.Merge(previous, draft);
        parser.Check(published);
        // Indexes first: a unique field over duplicate data must fail the publish, not leave a version without its index.
        await indexes.SyncAsync(db, published, ct);
        db.FormVersions.Add(new FormVersionEntity
        {
            AppKey = app, FormKey = form, Version = published.Version, Definition = parser.Serialize(published),
            PublishedAt = clock.GetUtcNow(), PublishedBy = user.UserId,
        });
        entity.PublishedVersion = published.Version;
        await db.SaveChangesAsync(ct);
        _published[(app, form)] = (published, Environment.TickCount64 + CacheMilliseconds);
        return published;
    }

    public async Task<FormDefinition?> GetPublishedAsync(string app, string form, CancellationToken ct)
    {
        if (_published.TryGetValue((app, form), out var cached) && cached.Expires > Environment.TickCount64) return cached.Definition;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FormsDbContext>();
        var version = await db.Forms.AsNoTracking().Where(f => f.AppKey == app && f.Key == form).Select(f => f.PublishedVersion).FirstOrDefaultAsync(ct);
        var definition = version is { } v ? await LoadVersionAsync(db, app, form, v, ct) : null;
        _published[(app, form)] = (definition, Environment.TickCount64 + CacheMilliseconds);
        return definition;
    }

    public async Task<FormDefinition?> GetVersionAsync(string app, string form, int version, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await LoadVersionAsync(scope.ServiceProvider.GetRequiredService<FormsDbContext>(), app, form, version, ct);
    }

    public async Task<IReadOnlyList<FormVersionInfo>> ListVersionsAsync(string app, string form, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FormsDbContext>();
        return await db.FormVersions.AsNoTracking().Where(v => v.AppKey == app && v.FormKey == form).OrderByDescending(v => v.Version)
            .Select(v => new FormVersionInfo(v.Version, v.PublishedAt, v.PublishedBy)).ToListAsync(ct);
    }

    private async Task<FormDefinition?> LoadVersionAsync(FormsDbContext db, string app, string form, int version, CancellationToken ct)
    {
        var json = await db.FormVersions.AsNoTracking().Where(v => v.AppKey == app && v.FormKey == form && v.Version == version)
            .Select(v => v.Definition).FirstOrDefaultAsync(ct);
        return json is null ? null : parser.ParseStored(json);
    }

    /// <summary>Drops the cached published version (the form was retired).</summary>
    internal void Forget(string app, string form) => _published.TryRemove((app, form), out _);

    private static IQueryable<string> RetiredKeys(FormsDbContext db) =>
        db.Database.SqlQuery<string>($"SELECT app_key AS \"Value\" FROM forms.retired_apps");

    private static AppInfo ToInfo(AppEntity a) => new(a.Key, new LocalizedText(a.NameEn, a.NameZh), a.Description, a.Icon);
}
