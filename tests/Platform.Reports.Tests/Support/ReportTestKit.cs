using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Core.Organization;
using Platform.Reports.Definitions;
using Platform.Reports.Running;

namespace Platform.Reports.Tests.Support;

/// <summary>Runs reports and hand-written SQL on the fixture's database, and compares them.</summary>
public sealed class ReportTestKit(ReportsFixture fixture)
{
    public static readonly UserContext Admin = new(Guid.NewGuid(), "admin", "Admin", null, null, new HashSet<string>(), true);

    public static UserContext Director(Guid? department = null) => new(Guid.NewGuid(), "director", "Director", department, null, new HashSet<string> { "director" }, false);

    public static UserContext Sales(Guid id, Guid department) => new(id, "sales", "Sales", department, null, new HashSet<string> { "sales" }, false);

    public static UserContext PartnerSales(Guid partner) => new(Guid.NewGuid(), "partner", "Partner sales", null, partner, new HashSet<string> { "partner_sales" }, false);

    public ReportDefinitionParser Parser => fixture.Services.GetRequiredService<ReportDefinitionParser>();

    public ReportDefinition Parse(string json) => Parser.ParseReport(json);

    public Task<ReportResult> RunAsync(string json, UserContext? user = null, Dictionary<string, JsonNode?>? parameters = null, string? culture = "en", bool cache = false) =>
        fixture.Services.GetRequiredService<IReportRunner>().RunAsync(Parse(json), user ?? Admin, parameters, new RunOptions(culture, cache), default);

    /// <summary>Rows of a hand-written query: first columns joined by '|' as the key, last column the value.</summary>
    public async Task<Dictionary<string, decimal?>> QueryAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        await using var reader = await cmd.ExecuteReaderAsync();
        var result = new Dictionary<string, decimal?>();
        while (await reader.ReadAsync())
        {
            var keys = Enumerable.Range(0, reader.FieldCount - 1).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
            var last = reader.FieldCount - 1;
            result[string.Join("|", keys)] = reader.IsDBNull(last) ? null : Convert.ToDecimal(reader.GetValue(last), CultureInfo.InvariantCulture);
        }
        return result;
    }

    public async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return await cmd.ExecuteScalarAsync();
    }

    /// <summary>The result's detail rows as key → value of one measure, keyed like <see cref="QueryAsync"/>.</summary>
    public static Dictionary<string, decimal?> Rows(ReportResult result, string measure, bool labels = false) =>
        result.Rows.ToDictionary(
            r => string.Join("|", r.Cells.Select(c => labels ? c.Label : c.Key ?? "∅")),
            r => r.Values[result.MeasureIndex(measure)]);

    public static void Same(Dictionary<string, decimal?> expected, Dictionary<string, decimal?> actual, int decimals = 6)
    {
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (k, v) in expected)
            Assert.True(Round(v, decimals) == Round(actual[k], decimals), $"{k}: expected {v}, got {actual[k]}");
    }

    private static decimal? Round(decimal? v, int d) => v is { } x ? Math.Round(x, d) : null;
}
