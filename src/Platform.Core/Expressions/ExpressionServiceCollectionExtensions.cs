using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.Core.Expressions;

public static class ExpressionServiceCollectionExtensions
{
    /// <summary>Registers the expression sandbox (a singleton: it only holds the prepared-script cache).</summary>
    public static IServiceCollection AddExpressionSandbox(this IServiceCollection services, Action<ExpressionSandboxOptions>? configure = null)
    {
        var builder = services.AddOptions<ExpressionSandboxOptions>();
        if (configure is not null) builder.Configure(configure);
        services.TryAddSingleton<IExpressionSandbox, JintExpressionSandbox>();
        return services;
    }
}
