using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Core.Database;
using Platform.Core.Expressions;
using Platform.Forms.Definitions;
using Platform.Forms.Fields;
using Platform.Forms.Permissions;
using Platform.Forms.Queries;
using Platform.Forms.Records;
using Platform.Forms.Files;
using Platform.Forms.Export;
using Platform.Forms.Import;
using Platform.Forms.Api;
using Platform.Forms.Bulk;
using Platform.Forms.Storage;

namespace Platform.Forms;

public static class FormsServiceCollectionExtensions
{
    /// <summary>Registers the forms engine: metadata context and migrations, field types, records, queries, permissions, import/export.</summary>
    public static IServiceCollection AddForms(this IServiceCollection services, Action<FormsOptions>? configure = null)
    {
        var options = services.AddOptions<FormsOptions>();
        if (configure is not null) options.Configure(configure);
        services.AddExpressionSandbox();
        services.AddPlatformDbContext<FormsDbContext>(FormsDbContext.Schema, 100);
        services.TryAddSingleton(TimeProvider.System);
        AddFieldTypes(services);
        services.TryAddSingleton<FormDefinitionParser>();
        services.TryAddSingleton<RecordIndexManager>();
        services.TryAddSingleton<RecordSchema>();
        services.TryAddSingleton<FormDefinitionService>();
        services.TryAddSingleton<IFormDefinitions>(sp => sp.GetRequiredService<FormDefinitionService>());
        services.TryAddSingleton<IFormRetirement, FormRetirement>();
        services.TryAddSingleton<RecordPermissions>();
        services.TryAddSingleton<IRecordPermissions>(sp => sp.GetRequiredService<RecordPermissions>());
        services.TryAddSingleton<FormRules>();
        services.TryAddSingleton<RecordNormalizer>();
        services.TryAddSingleton<ReferenceChecker>();
        services.TryAddSingleton<RecordStore>();
        services.TryAddSingleton<IRecordStore>(sp => sp.GetRequiredService<RecordStore>());
        services.TryAddSingleton<IRecordTransactionWriter, RecordTransactionWriter>();
        services.TryAddSingleton<QueryCompiler>();
        services.TryAddSingleton<RecordQueries>();
        services.TryAddSingleton<IRecordQueries>(sp => sp.GetRequiredService<RecordQueries>());
        services.TryAddSingleton<IRecordGroupCounts, RecordGroupCounts>();
        services.TryAddSingleton<FileStore>();
        services.TryAddSingleton<UnlinkedFileSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<UnlinkedFileSweeper>());
        services.TryAddSingleton<RecordExporter>();
        services.TryAddSingleton<RecordImporter>();
        services.TryAddSingleton<ImportJobs>();
        services.AddHostedService<ImportJobResumer>();
        services.TryAddSingleton<RelationTitles>();
        services.TryAddSingleton<RecordBulkLoader>();
        services.TryAddSingleton<IRecordBulkLoader>(sp => sp.GetRequiredService<RecordBulkLoader>());
        return services;
    }

    private static void AddFieldTypes(IServiceCollection services)
    {
        services.TryAddSingleton<RegionTable>();
        services.TryAddSingleton<FieldTypeRegistry>();
        IFieldType[] simple =
        [
            new TextFieldType(), new TextareaFieldType(), new RichTextFieldType(), new NumberFieldType(), new MoneyFieldType(),
            new PercentFieldType(), new DateFieldType(), new DateTimeFieldType(), new SelectFieldType(), new MultiSelectFieldType(),
            new CheckboxFieldType(), new PhoneFieldType(), new EmailFieldType(), new UrlFieldType(), new MemberFieldType(),
            new DepartmentFieldType(), new PartnerFieldType(), new RelationFieldType(), new AttachmentFieldType(), new ImageFieldType(),
            new AutoNumberFieldType(), new FormulaFieldType(),
        ];
        foreach (var type in simple) services.AddSingleton(type);
        services.AddSingleton<IFieldType, AddressFieldType>();
        services.AddSingleton<IFieldType, SubtableFieldType>();
    }
}
