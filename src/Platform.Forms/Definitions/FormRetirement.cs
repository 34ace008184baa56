using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Core.Organization;
using Platform.Forms.Storage;

namespace Platform.Forms.Definitions;

internal sealed class FormRetirement(
    IServiceScopeFactory scopes, NpgsqlDataSource dataSource, FormDefinitionService definitions, TimeProvider clock) : IFormRetirement
{
    public async Task<IReadOnlyDictionary<string, long>> CountRecordsAsync(string app, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string Form, long Count)>(new CommandDefinition(
            "SELECT form_key, count(*) FROM forms.records WHERE app_key = @app AND deleted_at IS NULL GROUP BY form_key ORDER BY form_key",
            new { app }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Form, r => r.Count);
    }

    public async Task<bool> RetireFormAsync(string app, string form, UserContext user, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FormsDbContext>();
        var entity = await db.Forms.FirstOrDefaultAsync(f => f.AppKey == app && f.Key == form, ct);
        if (entity?.PublishedVersion is null) return false;
        entity.PublishedVersion = null;
        entity.UpdatedAt = clock.GetUtcNow();
        entity.UpdatedBy = user.UserId;
        await db.SaveChangesAsync(ct);
        definitions.Forget(app, form);
        return true;
    }

    public async Task<IReadOnlyList<string>> RetireAppAsync(string app, UserContext user, CancellationToken ct)
    {
        var retired = new List<string>();
        foreach (var form in await definitions.ListFormsAsync(app, ct))
            if (await RetireFormAsync(app, form.Key, user, ct)) retired.Add(form.Key);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO forms.retired_apps (app_key, retired_at, retired_by, forms) VALUES (@app, @now, @user, @forms)
            ON CONFLICT (app_key) DO UPDATE SET retired_at = excluded.retired_at, retired_by = excluded.retired_by, forms = excluded.forms
            """, new { app, now = clock.GetUtcNow(), user = user.UserId, forms = retired.ToArray() }, cancellationToken: ct));
        return retired;
    }

    public async Task<bool> IsAppRetiredAsync(string app, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM forms.retired_apps WHERE app_key = @app)", new { app }, cancellationToken: ct));
    }
}
