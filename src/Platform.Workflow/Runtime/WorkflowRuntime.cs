using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Platform.Core.Organization;
using Platform.Workflow.Definitions;

namespace Platform.Workflow.Runtime;

internal sealed class WorkflowRuntime(NpgsqlDataSource db, ModelCache models, WorkflowEngine engine, TimeProvider time) : IWorkflowRuntime
{
    public async Task<Guid> StartAsync(string key, Guid? recordId, JsonObject? variables, UserContext user, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (versionId, model) = await CurrentAsync(conn, tx, key, ct);
        var start = model.StartEvents.FirstOrDefault(s => s.Trigger is null or { Kind: TriggerKind.Manual })
            ?? throw new WorkflowDefinitionException([new(null, $"Workflow '{key}' cannot be started by hand (no manual start event).", $"流程 '{key}' 没有手动开始事件，不能手动发起。")]);
        var id = await engine.StartAsync(conn, tx, versionId, start.Id, recordId, variables ?? [], user.UserId, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return id;
    }

    public async Task<Guid> HandleWebhookAsync(string key, byte[] body, string? signature, string? idempotencyKey, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (versionId, model) = await CurrentAsync(conn, tx, key, ct);
        var start = model.StartEvents.FirstOrDefault(s => s.Trigger?.Kind == TriggerKind.Webhook)
            ?? throw new WorkflowNotFoundException($"Workflow '{key}' has no webhook start event. / 流程 '{key}' 没有 Webhook 触发。");
        if (start.Trigger!.Secret is { } secret && !SignatureMatches(secret, body, signature))
            throw new WorkflowAccessDeniedException("The webhook signature is missing or wrong. / Webhook 签名缺失或错误。");
        var now = time.GetUtcNow();
        if (idempotencyKey is not null)
        {
            var logKey = $"webhook:{key}:{idempotencyKey}";
            var earlier = await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
                "SELECT instance_id FROM workflow.trigger_log WHERE trigger_key = @logKey FOR UPDATE", new { logKey }, tx, cancellationToken: ct));
            if (earlier is not null) return earlier.Value;
        }
        JsonObject variables;
        try
        {
            variables = JsonNode.Parse(body.Length == 0 ? "{}"u8 : body) as JsonObject
                ?? throw new WorkflowStepException("The webhook body must be a JSON object. / Webhook 内容必须是 JSON 对象。");
        }
        catch (JsonException e)
        {
            throw new WorkflowStepException($"The webhook body is not JSON: {e.Message} / Webhook 内容不是合法 JSON。");
        }
        var id = await engine.StartAsync(conn, tx, versionId, start.Id, null, variables, Guid.Empty, now, ct);
        if (idempotencyKey is not null)
            await conn.ExecuteAsync(new CommandDefinition(
                "INSERT INTO workflow.trigger_log (trigger_key, instance_id, at) VALUES (@logKey, @id, @now)",
                new { logKey = $"webhook:{key}:{idempotencyKey}", id, now }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return id;
    }

    internal static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static bool SignatureMatches(string secret, byte[] body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(signature.Trim()));

    private async Task<(Guid, WorkflowModel)> CurrentAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string key, CancellationToken ct)
    {
        var versionId = await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT id FROM workflow.definition_versions WHERE key = @key AND is_current", new { key }, tx, cancellationToken: ct))
            ?? throw new WorkflowNotFoundException($"Workflow '{key}' has no published version. / 流程 '{key}' 没有已发布的版本。");
        return (versionId, await models.GetAsync(conn, tx, versionId, ct));
    }
}
