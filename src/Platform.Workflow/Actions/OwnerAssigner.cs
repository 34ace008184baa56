using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Platform.Core.Organization;
using Platform.Workflow.Definitions;
using Platform.Workflow.Records;
using Platform.Workflow.Runtime;

namespace Platform.Workflow.Actions;

/// <summary>Chooses a record owner: fixed, round-robin within a group, by region rule (in turn within the region), or least-loaded.</summary>
internal sealed class OwnerAssigner(IOrgDirectory org, IWorkflowRecords records)
{
    public async Task<Guid> ChooseAsync(StepContext ctx, FlowNode node, AssignOwnerAction action, WorkflowRecord record)
    {
        var counterKey = $"{ctx.Instance.DefinitionKey}:{node.Id}";
        var group = action.Users.ToList();
        if (action.Strategy == AssignStrategy.ByRegion)
        {
            var region = RegionOf(record.Data[action.RegionField!]);
            var rule = action.Regions.FirstOrDefault(r => string.Equals(r.Region, region, StringComparison.OrdinalIgnoreCase))
                ?? action.Regions.FirstOrDefault(r => r.Region == "*")
                ?? throw new WorkflowStepException($"No region rule matches '{region}' and there is no '*' rule. / 没有与区域 '{region}' 匹配的分配规则。");
            group = rule.Users.ToList();
            counterKey += ":" + rule.Region;
        }
        else if (group.Count == 0 && action.Role is not null)
            group = (await org.GetUsersInRoleAsync(action.Role, ctx.Ct)).Where(u => u.IsActive).Select(u => u.Id).Order().ToList();
        if (group.Count == 0) throw new WorkflowStepException($"The assignment group of '{node.Label}' is empty. / '{node.Label}' 的分配人员为空。");

        switch (action.Strategy)
        {
            case AssignStrategy.Fixed:
                return group[0];
            case AssignStrategy.LeastLoaded:
                var counts = await records.CountOwnedAsync(ctx.Conn, ctx.Tx, record.AppKey, record.FormKey, group, ctx.Ct);
                return group.OrderBy(u => counts[u]).ThenBy(group.IndexOf).First();
            default:
                var next = await ctx.Conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                    INSERT INTO workflow.assign_counters (counter_key, next_index) VALUES (@counterKey, 1)
                    ON CONFLICT (counter_key) DO UPDATE SET next_index = workflow.assign_counters.next_index + 1
                    RETURNING next_index
                    """, new { counterKey }, ctx.Tx, cancellationToken: ctx.Ct));
                return group[(int)((next - 1) % group.Count)];
        }
    }

    /// <summary>A select option key, or the province of an address value.</summary>
    private static string? RegionOf(JsonNode? value) => value switch
    {
        JsonObject address => address["province"]?.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        null => null,
        _ => value.ToJsonString(),
    };
}
