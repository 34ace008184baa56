using System.Collections.Concurrent;
using Dapper;
using Npgsql;
using Platform.Workflow.Definitions;

namespace Platform.Workflow.Runtime;

/// <summary>Parsed models of published versions; versions never change, so caching them forever is safe.</summary>
internal sealed class ModelCache
{
    private readonly ConcurrentDictionary<Guid, WorkflowModel> _models = new();

    public async Task<WorkflowModel> GetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid versionId, CancellationToken ct)
    {
        if (_models.TryGetValue(versionId, out var model)) return model;
        var xml = await conn.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT xml FROM workflow.definition_versions WHERE id = @versionId", new { versionId }, tx, cancellationToken: ct));
        return _models.GetOrAdd(versionId, BpmnParser.Parse(xml));
    }
}
