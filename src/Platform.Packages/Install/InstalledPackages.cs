using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Packages.Install;

/// <summary>An app installed from a package: its version and the hash of each definition as the package installed it.</summary>
public sealed record InstalledPackage(string AppKey, string PackageId, string Version, DateTimeOffset InstalledAt,
    DateTimeOffset UpdatedAt, IReadOnlyDictionary<string, string> Hashes);

/// <summary>Reads and writes <c>packages.installed_packages</c>.</summary>
public sealed class InstalledPackages(NpgsqlDataSource dataSource)
{
    public async Task<InstalledPackage?> GetAsync(string appKey, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select app_key, package_id, version, installed_at, updated_at, hashes::text from packages.installed_packages where app_key = @app");
        command.Parameters.AddWithValue("app", appKey);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new InstalledPackage(reader.GetString(0), reader.GetString(1), reader.GetString(2),
            reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4),
            JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5)) ?? []);
    }

    internal async Task SaveAsync(string appKey, string packageId, string version, IReadOnlyDictionary<string, string> hashes,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            insert into packages.installed_packages (app_key, package_id, version, installed_at, updated_at, hashes)
            values (@app, @id, @version, @now, @now, @hashes)
            on conflict (app_key) do update set package_id = excluded.package_id, version = excluded.version,
              updated_at = excluded.updated_at, hashes = excluded.hashes
            """);
        command.Parameters.AddWithValue("app", appKey);
        command.Parameters.AddWithValue("id", packageId);
        command.Parameters.AddWithValue("version", version);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.Add(new NpgsqlParameter("hashes", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(hashes) });
        await command.ExecuteNonQueryAsync(ct);
    }

    internal async Task DeleteAsync(string appKey, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("delete from packages.installed_packages where app_key = @app");
        command.Parameters.AddWithValue("app", appKey);
        await command.ExecuteNonQueryAsync(ct);
    }
}
