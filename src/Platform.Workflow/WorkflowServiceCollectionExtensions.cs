using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Core.Database;
using Platform.Core.Expressions;
using Platform.Workflow.Actions;
using Platform.Workflow.Definitions;
using Platform.Workflow.Jobs;
using Platform.Workflow.Records;
using Platform.Workflow.Runtime;
using Platform.Workflow.Tasks;
using Platform.Workflow.Timers;

namespace Platform.Workflow;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers the workflow engine: definitions (EF Core, schema workflow, migration order 200), runtime, tasks and the
    /// services behind the REST API. Needs AddPlatformDatabase, AddForms (record writes go through the form engine) and an <see cref="Platform.Core.Organization.IOrgDirectory"/>.
    /// </summary>
    public static IServiceCollection AddWorkflow(this IServiceCollection services, Action<WorkflowOptions>? configure = null)
    {
        var options = services.AddOptions<WorkflowOptions>();
        if (configure is not null) options.Configure(configure);
        services.AddPlatformDbContext<WorkflowDbContext>(WorkflowDbContext.Schema, 200);
        services.AddExpressionSandbox();
        services.AddHttpClient(EffectDelivery.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWorkflowFormCatalog, FormsWorkflowCatalog>();
        services.TryAddSingleton<IWorkflowRecords, FormsWorkflowRecords>();

        services.TryAddSingleton<ModelCache>();
        services.TryAddSingleton<ApproverResolver>();
        services.TryAddSingleton<TaskManager>();
        services.TryAddSingleton<OwnerAssigner>();
        services.TryAddSingleton<PartnerOrgCreator>();
        services.TryAddSingleton<ActionExecutor>();
        services.TryAddSingleton<BusinessCalendar>();
        services.TryAddSingleton<TimerCalculator>();
        services.TryAddSingleton<WorkflowEngine>();
        services.TryAddSingleton<ScheduleTriggers>();
        services.TryAddSingleton<EffectDelivery>();
        services.TryAddSingleton<JobRunner>();
        services.TryAddSingleton<RecordEventTriggers>();

        services.TryAddScoped<WorkflowValidator>();
        services.TryAddScoped<IWorkflowDefinitions, WorkflowDefinitions>();
        services.TryAddSingleton<IWorkflowRuntime, WorkflowRuntime>();
        services.TryAddSingleton<ITaskActions, TaskActions>();
        services.TryAddSingleton<ITaskInbox, TaskInbox>();
        services.TryAddSingleton<IInstanceView, InstanceViewService>();
        services.TryAddSingleton<IWorkflowIncidents, IncidentService>();
        services.TryAddSingleton<IWorkflowRetirement, WorkflowRetirement>();
        return services;
    }

    /// <summary>Runs the background worker (triggers, timers, retries, outbox) in this process; safe in every process.</summary>
    public static IServiceCollection AddWorkflowWorker(this IServiceCollection services)
    {
        services.AddHostedService<WorkflowWorker>();
        return services;
    }
}
