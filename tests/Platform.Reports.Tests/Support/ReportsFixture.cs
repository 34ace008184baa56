using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Platform.Core.Identity;
using Platform.Core.Organization;
using Platform.Forms;
using Platform.Testing;

namespace Platform.Reports.Tests.Support;

/// <summary>
/// A migrated database with the forms and reports engines, the CRM test forms published, and a generated data set
/// (fixed seed) written straight into forms.records per the shared contract; people, departments and partners are real
/// identity rows (AddPlatformIdentity), so department subtrees come from Core's org directory.
/// </summary>
public class ReportsFixture : DatabaseFixture
{
    // 2026-03-18 10:00 in Shanghai.
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 18, 2, 0, 0, TimeSpan.Zero));
    public SeedData Data { get; private set; } = null!;

    protected override string TemplateName => "tpl_reports";

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddPlatformIdentity();
        services.AddForms();
        services.AddReports();
        services.AddSingleton<TimeProvider>(Clock);
    }

    protected override async Task OnInitializedAsync()
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await CrmForms.PublishAllAsync(Services);
        await using var scope = Services.CreateAsyncScope();
        Data = await SeedData.GenerateAsync(conn, scope.ServiceProvider.GetRequiredService<IOrganizationAdmin>(), Seed, Size);
    }

    protected virtual int Seed => 20260318;
    protected virtual int Size => 3000;
}
