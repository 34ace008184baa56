using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Platform.Core.Organization;
using Platform.Forms;
using Platform.Testing;

namespace Platform.Reports.Tests.Support;

/// <summary>
/// A migrated database with the forms and reports engines, the CRM test forms published, and a generated data set
/// (fixed seed) written straight into forms.records per the shared contract.
/// </summary>
public class ReportsFixture : DatabaseFixture
{
    public TestOrgDirectory Org { get; } = new();
    // 2026-03-18 10:00 in Shanghai.
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 18, 2, 0, 0, TimeSpan.Zero));
    public SeedData Data { get; private set; } = null!;

    protected override string TemplateName => "tpl_reports";

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddForms();
        services.AddReports();
        services.AddSingleton<IOrgDirectory>(Org);
        services.AddSingleton<TimeProvider>(Clock);
    }

    protected override async Task OnInitializedAsync()
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        // The identity tables as Core's identity context lays them out (snake_case); only the columns reports join on.
        await using (var cmd = new NpgsqlCommand("""
            CREATE SCHEMA IF NOT EXISTS identity;
            CREATE TABLE IF NOT EXISTS identity.users (id uuid PRIMARY KEY, display_name text NOT NULL);
            CREATE TABLE IF NOT EXISTS identity.departments (id uuid PRIMARY KEY, name text NOT NULL);
            CREATE TABLE IF NOT EXISTS identity.partners (id uuid PRIMARY KEY, name text NOT NULL);
            """, conn))
            await cmd.ExecuteNonQueryAsync();
        await CrmForms.PublishAllAsync(Services);
        Data = await SeedData.GenerateAsync(conn, Org, Seed, Size);
    }

    protected virtual int Seed => 20260318;
    protected virtual int Size => 3000;
}
