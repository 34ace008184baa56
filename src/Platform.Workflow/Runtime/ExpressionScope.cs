using System.Text.Json.Nodes;
using Platform.Workflow.Records;

namespace Platform.Workflow.Runtime;

/// <summary>Builds the variables an expression sees: instance variables, the record's fields by key, and a few well-known names.</summary>
internal static class ExpressionScope
{
    public static Dictionary<string, JsonNode?> Build(JsonObject variables, WorkflowRecord? record, DateTimeOffset now, JsonObject? extra = null)
    {
        var scope = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (k, v) in variables) scope[k] = v?.DeepClone();
        if (record is not null)
        {
            foreach (var (k, v) in record.Data) scope[k] = v?.DeepClone();
            scope["record"] = RecordMeta(record);
        }
        if (extra is not null) foreach (var (k, v) in extra) scope[k] = v?.DeepClone();
        scope["vars"] = variables.DeepClone();
        scope["now"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        scope["today"] = now.UtcDateTime.ToString("yyyy-MM-dd");
        return scope;
    }

    public static JsonObject RecordMeta(WorkflowRecord record) => new()
    {
        ["id"] = record.Id.ToString(),
        ["title"] = record.Title,
        ["owner_id"] = record.OwnerId?.ToString(),
        ["department_id"] = record.DepartmentId?.ToString(),
        ["partner_id"] = record.PartnerId?.ToString(),
        ["created_by"] = record.CreatedBy.ToString(),
        ["created_at"] = record.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
        ["updated_at"] = record.UpdatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
    };
}
