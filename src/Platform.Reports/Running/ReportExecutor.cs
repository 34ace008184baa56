using Npgsql;
using Platform.Reports.Compilation;

namespace Platform.Reports.Running;

/// <summary>Runs a compiled statement and reads its rows; the grouping bitmask is re-numbered so bit i is dimension i.</summary>
internal sealed class ReportExecutor(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<RawRow>> ExecuteAsync(CompiledReport compiled, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(compiled.Sql);
        foreach (var p in compiled.Parameters.Items) command.Parameters.Add(p.Clone());
        await using var reader = await command.ExecuteReaderAsync(ct);
        var dims = compiled.Dimensions.Count;
        var measures = compiled.Measures.Count;
        var rows = new List<RawRow>();
        while (await reader.ReadAsync(ct))
        {
            var keys = new string?[dims];
            var labels = new string?[dims];
            for (var i = 0; i < dims; i++)
            {
                keys[i] = reader.IsDBNull(2 * i) ? null : reader.GetString(2 * i);
                labels[i] = reader.IsDBNull(2 * i + 1) ? null : reader.GetString(2 * i + 1);
            }
            var sqlGrouping = Convert.ToInt32(reader.GetValue(2 * dims), System.Globalization.CultureInfo.InvariantCulture);
            var grouping = 0;
            for (var i = 0; i < dims; i++)
                if ((sqlGrouping & (1 << (dims - 1 - i))) != 0) grouping |= 1 << i;
            // Rolled-up rows (totals of a top-N report) have no "others" flag of their own.
            var others = !reader.IsDBNull(2 * dims + 1) && reader.GetBoolean(2 * dims + 1);
            var values = new decimal?[measures];
            for (var j = 0; j < measures; j++)
            {
                var ordinal = 2 * dims + 2 + j;
                values[j] = reader.IsDBNull(ordinal) ? null : Convert.ToDecimal(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
            }
            rows.Add(new RawRow(keys, labels, grouping, others, values));
        }
        return rows;
    }

    public async Task<IReadOnlyList<(Guid Id, string? Title)>> ExecuteDrillAsync(string sql, SqlParameters parameters, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var p in parameters.Items) command.Parameters.Add(p.Clone());
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<(Guid, string?)>();
        while (await reader.ReadAsync(ct)) rows.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        return rows;
    }
}
