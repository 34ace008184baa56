using Platform.Core.Organization;
using Platform.Reports.Access;
using Platform.Reports.Compilation;
using Platform.Reports.Sources;

namespace Platform.Reports.Definitions;

/// <summary>Checks a report against the form definitions it reads: every field exists and suits its use.</summary>
internal sealed class ReportChecker(ISourceSchemas schemas, ReportCompiler compiler)
{
    public async Task CheckAsync(ReportDefinition report, CancellationToken ct)
    {
        var set = await SchemaSet.LoadAsync(schemas, report, ct);
        var everything = set.All.ToDictionary(s => (s.App, s.Form),
            _ => new ReadScope(true, new HashSet<string>(), "TRUE", new Dictionary<string, object?>()));
        // Unset parameters drop out, so this checks the shape of the report, not any viewer's values.
        compiler.Compile(report, set, everything, new Dictionary<string, ParameterValue>(), UserContext.System);
    }
}
