using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Core.Identity;
using Platform.Testing;

namespace Platform.Forms.Tests.Support;

/// <summary>A migrated database with Core's identity and organisation, the forms engine and a controllable clock.</summary>
public class FormsFixture : DatabaseFixture
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 18, 2, 0, 0, TimeSpan.Zero));

    protected override string TemplateName => "tpl_forms";

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddPlatformIdentity();
        services.AddForms();
        services.AddSingleton<TimeProvider>(Clock);
    }
}
