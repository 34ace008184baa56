using Npgsql;
using NpgsqlTypes;

namespace Platform.Reports.Caching;

/// <summary>
/// A cheap fingerprint of the data behind a report: the last record event id of each form it reads. The forms
/// engine writes an event in the same transaction as every record change, and (app_key, form_key, id) is indexed,
/// so this is one index probe per form.
/// </summary>
internal sealed class ChangeStamps(NpgsqlDataSource dataSource)
{
    public async Task<string> GetAsync(IReadOnlyList<(string App, string Form)> forms, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT f.a, f.f, (SELECT max(e.id) FROM forms.record_events e WHERE e.app_key = f.a AND e.form_key = f.f)
            FROM unnest(@apps, @forms) AS f(a, f)
            ORDER BY 1, 2
            """);
        command.Parameters.Add(new NpgsqlParameter("apps", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = forms.Select(f => f.App).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("forms", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = forms.Select(f => f.Form).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var parts = new List<string>();
        while (await reader.ReadAsync(ct))
            parts.Add($"{reader.GetString(0)}/{reader.GetString(1)}={(reader.IsDBNull(2) ? 0 : reader.GetInt64(2))}");
        return string.Join(";", parts);
    }
}
