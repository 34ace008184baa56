using System.Text.Json.Nodes;
using Platform.Core.Organization;
using Platform.Forms.Queries;
using Platform.Reports.Definitions;

namespace Platform.Reports.Running;

/// <summary>Runs reports for a viewer: only rows they may read, only fields they may see.</summary>
public interface IReportRunner
{
    /// <summary>Runs the report with the given parameter values; throws <see cref="ReportException"/> listing every problem.</summary>
    Task<ReportResult> RunAsync(ReportDefinition report, UserContext user, IReadOnlyDictionary<string, JsonNode?>? parameters, RunOptions? options, CancellationToken ct);

    /// <summary>The records behind one chart element (one value per leading dimension) and the list filter that selects them.</summary>
    Task<DrillResult> DrillAsync(ReportDefinition report, UserContext user, IReadOnlyDictionary<string, JsonNode?>? parameters, IReadOnlyList<string?> keys, int limit, CancellationToken ct);
}

public sealed record RunOptions(string? Culture = null, bool UseCache = true, string? Chart = null);

/// <summary>
/// The drill-down of a chart element: the form, the filter for its record list (report filter, parameters and the
/// element's dimension values, in the list views' filter model) and the first matching records.
/// </summary>
public sealed record DrillResult(string App, string Form, FilterNode Filter, IReadOnlyList<DrillRecord> Records);

public sealed record DrillRecord(Guid Id, string? Title);
