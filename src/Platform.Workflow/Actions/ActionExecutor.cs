using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Platform.Core.Expressions;
using Platform.Core.Organization;
using Platform.Workflow.Definitions;
using Platform.Workflow.Jobs;
using Platform.Workflow.Records;
using Platform.Workflow.Runtime;
using Platform.Workflow.Tasks;

namespace Platform.Workflow.Actions;

/// <summary>
/// Runs a service task inside the step. Database effects (records, owner, in-app notes) happen in the step's transaction;
/// effects that leave the database become outbox jobs with an idempotency key. Returns false when the token must wait (HTTP).
/// </summary>
internal sealed class ActionExecutor(
    IWorkflowRecords records,
    IExpressionSandbox sandbox,
    ApproverResolver resolver,
    OwnerAssigner assigner,
    IOrgDirectory org,
    PartnerOrgCreator partners)
{
    public async Task<bool> ExecuteAsync(StepContext ctx, Guid tokenId, FlowNode node)
    {
        switch (node.Action)
        {
            case null:
                return true;
            case NotifyAction notify:
                await NotifyAsync(ctx, node, notify);
                return true;
            case UpdateRecordAction update:
                await UpdateAsync(ctx, update);
                return true;
            case CreateRecordAction create:
                var values = await EvaluateAsync(ctx, create.Set);
                var id = await records.CreateAsync(ctx.Conn, ctx.Tx, create.AppKey, create.FormKey, values, Guid.Empty, ctx.Now, ctx.Ct);
                ctx.SetVariable(create.ResultVariable ?? node.Id + "_record", id.ToString());
                if (ctx.Instance.RecordId is null) await AttachRecordAsync(ctx, id, create);
                return true;
            case CreatePartnerOrgAction partner:
                var partnerId = await partners.CreateAsync(ctx, await EvaluateAsync(ctx, partner.Set));
                ctx.SetVariable(partner.ResultVariable ?? node.Id + "_partner", partnerId.ToString());
                return true;
            case AssignOwnerAction assign:
                var record = await ctx.RecordAsync(records) ?? throw new WorkflowStepException("Assigning an owner needs the instance's record. / 分配负责人需要流程关联的记录。");
                var owner = await assigner.ChooseAsync(ctx, node, assign, record);
                await records.UpdateAsync(ctx.Conn, ctx.Tx, record.Id, [], owner, Guid.Empty, ctx.Now, ctx.Ct);
                ctx.ForgetRecord();
                ctx.SetVariable(node.Id + "_owner", owner.ToString());
                return true;
            case HttpAction http:
                await EnqueueHttpAsync(ctx, tokenId, node, http);
                return false;
            default:
                throw new WorkflowStepException($"Action {node.Action.GetType().Name} is not executable.");
        }
    }

    /// <summary>A webhook-started flow that creates its record adopts it, so later steps (assign, mail, waits) act on it.</summary>
    private static async Task AttachRecordAsync(StepContext ctx, Guid id, CreateRecordAction create)
    {
        await ctx.Conn.ExecuteAsync(new CommandDefinition(
            "UPDATE workflow.instances SET record_id = @id, app_key = @app, form_key = @form WHERE id = @i",
            new { id, app = create.AppKey, form = create.FormKey, i = ctx.Instance.Id }, ctx.Tx, cancellationToken: ctx.Ct));
        ctx.Instance = ctx.Instance with { RecordId = id, AppKey = create.AppKey, FormKey = create.FormKey };
        ctx.ForgetRecord();
    }

    private async Task UpdateAsync(StepContext ctx, UpdateRecordAction update)
    {
        var record = await ctx.RecordAsync(records);
        Guid? target = ctx.Instance.RecordId;
        if (update.TargetField is not null) target = GuidOf(record?.Data[update.TargetField]);
        else if (update.TargetVariable is not null) target = GuidOf(ctx.Variables[update.TargetVariable]);
        if (target is null) throw new WorkflowStepException("The record to update is not known (empty relation or variable). / 找不到要更新的记录（关联字段或变量为空）。");
        var values = await EvaluateAsync(ctx, update.Set);
        await records.UpdateAsync(ctx.Conn, ctx.Tx, target.Value, values, null, Guid.Empty, ctx.Now, ctx.Ct);
        ctx.ForgetRecord();
    }

    private async Task<JsonObject> EvaluateAsync(StepContext ctx, IReadOnlyList<FieldAssignment> set)
    {
        var scope = ExpressionScope.Build(ctx.Variables, await ctx.RecordAsync(records), ctx.Now);
        var values = new JsonObject();
        foreach (var a in set) values[a.Field] = sandbox.Evaluate(a.Expression, ExpressionScope.For(scope, a.Expression), ctx.Ct)?.DeepClone();
        return values;
    }

    private async Task NotifyAsync(StepContext ctx, FlowNode node, NotifyAction notify)
    {
        var scope = ExpressionScope.Build(ctx.Variables, await ctx.RecordAsync(records), ctx.Now);
        var subject = Templates.Render(notify.Subject, scope);
        var body = Templates.Render(notify.Body, scope);
        var to = await resolver.ResolveAsync(ctx, notify.To);
        var cc = (await resolver.ResolveAsync(ctx, notify.Cc)).Except(to).ToList();
        switch (notify.Channel)
        {
            case NotifyChannel.InApp:
                foreach (var user in to.Concat(cc))
                    await ctx.Conn.ExecuteAsync(new CommandDefinition("""
                        INSERT INTO workflow.notifications (id, user_id, instance_id, node_id, subject, body, created_at)
                        VALUES (@id, @user, @i, @nodeId, @subject, @body, @now)
                        """, new { id = Guid.CreateVersion7(ctx.Now), user, i = ctx.Instance.Id, nodeId = node.Id, subject, body, now = ctx.Now },
                        ctx.Tx, cancellationToken: ctx.Ct));
                foreach (var user in cc)
                    await ctx.Conn.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO workflow.carbon_copies (instance_id, node_id, user_id, at) VALUES (@i, @nodeId, @user, @now)",
                        new { i = ctx.Instance.Id, nodeId = node.Id, user, now = ctx.Now }, ctx.Tx, cancellationToken: ctx.Ct));
                return;
            case NotifyChannel.Email:
                var payload = new JsonObject
                {
                    ["type"] = "email",
                    ["to"] = new JsonArray((await EmailsAsync(to, ctx.Ct)).Concat(Addresses(notify.ToAddresses, scope)).Select(e => (JsonNode?)e).ToArray()),
                    ["cc"] = new JsonArray((await EmailsAsync(cc, ctx.Ct)).Select(e => (JsonNode?)e).ToArray()),
                    ["subject"] = subject,
                    ["body"] = body,
                };
                if (payload["to"]!.AsArray().Count == 0)
                    throw new WorkflowStepException($"None of the recipients of '{node.Label}' has an e-mail address. / '{node.Label}' 的接收人都没有邮箱。");
                await EnqueueEffectAsync(ctx, null, node, payload, 8);
                return;
            default:
                await EnqueueEffectAsync(ctx, null, node, new JsonObject
                {
                    ["type"] = notify.Channel == NotifyChannel.DingTalk ? "dingtalk" : "wecom",
                    ["url"] = notify.WebhookUrl,
                    ["secret"] = notify.Secret,
                    ["text"] = string.IsNullOrEmpty(subject) ? body : $"{subject}\n{body}",
                }, 8);
                return;
        }
    }

    private static IEnumerable<string> Addresses(string? template, IReadOnlyDictionary<string, JsonNode?> scope) =>
        template is null ? [] : Templates.Render(template, scope).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(a => System.Net.Mail.MailAddress.TryCreate(a, out _));

    private async Task<List<string>> EmailsAsync(IEnumerable<Guid> users, CancellationToken ct)
    {
        var emails = new List<string>();
        foreach (var id in users)
            if ((await org.FindUserAsync(id, ct))?.Email is { Length: > 0 } email) emails.Add(email);
        return emails;
    }

    private async Task EnqueueHttpAsync(StepContext ctx, Guid tokenId, FlowNode node, HttpAction http)
    {
        var scope = ExpressionScope.Build(ctx.Variables, await ctx.RecordAsync(records), ctx.Now);
        var payload = new JsonObject
        {
            ["type"] = "http",
            ["method"] = http.Method,
            ["url"] = Templates.Render(http.Url, scope),
            ["body"] = http.Body is null ? null : Templates.Render(http.Body, scope),
            ["headers"] = JsonSerializer.SerializeToNode(http.Headers.ToDictionary(h => h.Key, h => Templates.Render(h.Value, scope))),
        };
        await EnqueueEffectAsync(ctx, tokenId, node, payload, http.MaxAttempts);
    }

    private static Task EnqueueEffectAsync(StepContext ctx, Guid? tokenId, FlowNode node, JsonObject payload, int maxAttempts) =>
        JobStore.InsertAsync(ctx.Conn, ctx.Tx, JobKinds.Effect, ctx.Instance.Id, tokenId, node.Id, ctx.Now, payload,
            $"effect:{ctx.Instance.Id}:{node.Id}:{Guid.CreateVersion7(ctx.Now):N}", maxAttempts, ctx.Now, ctx.Ct);

    private static Guid? GuidOf(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && Guid.TryParse(v.GetValue<string>(), out var g) ? g : null;
}
