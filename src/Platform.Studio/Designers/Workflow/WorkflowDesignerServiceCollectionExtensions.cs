using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Studio.Localization;
using Platform.Workflow.Definitions;

namespace Platform.Studio.Designers.Workflow;

public static class WorkflowDesignerServiceCollectionExtensions
{
    /// <summary>The BPMN designer, the approval-chain designer and the instance view (needs AddWorkflow and AddStudioRuntime).</summary>
    public static IServiceCollection AddWorkflowDesigner(this IServiceCollection services)
    {
        services.TryAddSingleton<WorkflowDryRun>();
        services.AddScoped<WorkflowDesignerService>();
        services.AddSingleton<IStudioTextSource, WorkflowDesignerTexts>();
        return services;
    }
}
