using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using Platform.Packages.Format;

namespace Platform.Packages.Menus;

/// <summary>The installed menus (<c>packages.app_menus</c>, one per app), as the Studio renders them.</summary>
public sealed class AppMenus(NpgsqlDataSource dataSource)
{
    /// <summary>The app's menu, or null when it has none (the Studio then lists forms and dashboards).</summary>
    public async Task<AppMenu?> GetAsync(string app, CancellationToken ct)
    {
        if (await GetJsonAsync(app, ct) is not { } json) return null;
        var errors = new List<PackageError>();
        // Stored menus were checked on install; read them leniently so a since-deleted report cannot hide the menu.
        var menu = MenuReader.Read(JsonNode.Parse(json), MenuTargets.Any, errors);
        return menu;
    }

    internal async Task<string?> GetJsonAsync(string app, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT menu::text FROM packages.app_menus WHERE app_key = @app");
        command.Parameters.AddWithValue("app", app);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    internal async Task SaveAsync(string app, AppMenu menu, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO packages.app_menus (app_key, menu, updated_at) VALUES (@app, @menu, @now)
            ON CONFLICT (app_key) DO UPDATE SET menu = excluded.menu, updated_at = excluded.updated_at
            """);
        command.Parameters.AddWithValue("app", app);
        command.Parameters.Add(new NpgsqlParameter("menu", NpgsqlDbType.Jsonb) { Value = MenuReader.Serialize(menu) });
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(ct);
    }

    internal async Task<bool> DeleteAsync(string app, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM packages.app_menus WHERE app_key = @app");
        command.Parameters.AddWithValue("app", app);
        return await command.ExecuteNonQueryAsync(ct) > 0;
    }
}
