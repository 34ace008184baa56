using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Database;
using Platform.Core.Organization;

namespace Platform.Forms.Tests.Support;

internal static class TestServices
{
    /// <summary>Services for unit tests that build SQL without connecting (the data source is never opened).</summary>
    public static IServiceCollection AddPlatformTestDatabase(this IServiceCollection services) => services
        .AddPlatformDatabase("Host=127.0.0.1;Port=1;Database=none")
        .AddSingleton<IOrgDirectory>(new TestOrgDirectory());
}
