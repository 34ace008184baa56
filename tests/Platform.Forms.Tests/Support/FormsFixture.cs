using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Core.Organization;
using Platform.Testing;

namespace Platform.Forms.Tests.Support;

/// <summary>A migrated database with the forms engine, a test org chart and a controllable clock.</summary>
public class FormsFixture : DatabaseFixture
{
    public TestOrgDirectory Org { get; } = new();
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 18, 2, 0, 0, TimeSpan.Zero));

    protected override string TemplateName => "tpl_forms";

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddForms();
        services.AddSingleton<IOrgDirectory>(Org);
        services.AddSingleton<TimeProvider>(Clock);
    }
}
