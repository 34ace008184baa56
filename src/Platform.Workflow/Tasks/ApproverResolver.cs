using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Core.Expressions;
using Platform.Core.Organization;
using Platform.Workflow.Definitions;
using Platform.Workflow.Records;
using Platform.Workflow.Runtime;

namespace Platform.Workflow.Tasks;

/// <summary>Turns approver rules into active users, reading the organisation directory and the instance's record.</summary>
internal sealed class ApproverResolver(IOrgDirectory org, IExpressionSandbox sandbox, IWorkflowRecords records)
{
    public async Task<IReadOnlyList<Guid>> ResolveAsync(StepContext ctx, IEnumerable<ApproverRule> rules)
    {
        var result = new List<Guid>();
        var record = await ctx.RecordAsync(records);
        foreach (var rule in rules)
            foreach (var id in await ResolveOneAsync(ctx, rule, record))
                if (!result.Contains(id) && await IsActiveAsync(id, ctx.Ct)) result.Add(id);
        return result;
    }

    private async Task<bool> IsActiveAsync(Guid id, CancellationToken ct) => (await org.FindUserAsync(id, ct))?.IsActive == true;

    private async Task<IEnumerable<Guid>> ResolveOneAsync(StepContext ctx, ApproverRule rule, WorkflowRecord? record)
    {
        var ct = ctx.Ct;
        var submitter = ctx.Instance.StartedBy;
        switch (rule.Kind)
        {
            case ApproverKind.User:
                return [Guid.Parse(rule.Value!)];
            case ApproverKind.Role:
                return (await org.GetUsersInRoleAsync(rule.Value!, ct)).Select(u => u.Id);
            case ApproverKind.DepartmentManager:
                var department = record?.DepartmentId ?? (await org.FindUserAsync(submitter, ct))?.DepartmentId;
                return department is null ? [] : Ids(await org.GetDepartmentManagerAsync(department.Value, ct));
            case ApproverKind.SubmitterManager:
                return rule.Levels == 0 ? [submitter] : Ids(await org.GetManagerAsync(submitter, rule.Levels, ct));
            case ApproverKind.MemberField:
                var members = MemberIds(record, rule.Value!);
                if (rule.Levels == 0) return members;
                var managers = new List<Guid>();
                foreach (var m in members) managers.AddRange(Ids(await org.GetManagerAsync(m, rule.Levels, ct)));
                return managers;
            case ApproverKind.PartnerManager:
                return record?.PartnerId is { } partner ? Ids(await org.GetPartnerManagerAsync(partner, ct)) : [];
            default:
                var value = sandbox.Evaluate(rule.Value!, ExpressionScope.Build(ctx.Variables, record, ctx.Now), ct);
                return GuidsIn(value);
        }
    }

    private static IEnumerable<Guid> Ids(OrgUser? user) => user is null ? [] : [user.Id];

    /// <summary>A member field's ids; owner and created_by also name the record's own columns.</summary>
    private static IEnumerable<Guid> MemberIds(WorkflowRecord? record, string field)
    {
        if (record is null) return [];
        if (record.Data.TryGetPropertyValue(field, out var node) && node is not null) return GuidsIn(node);
        return field switch
        {
            "owner" or "owner_id" => record.OwnerId is { } o ? [o] : [],
            "created_by" => [record.CreatedBy],
            _ => [],
        };
    }

    private static IEnumerable<Guid> GuidsIn(JsonNode? node) => node switch
    {
        JsonArray array => array.SelectMany(GuidsIn).ToList(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String && Guid.TryParse(v.GetValue<string>(), out var g) => [g],
        _ => [],
    };
}
