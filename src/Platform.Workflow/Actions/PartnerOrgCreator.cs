using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Organization;
using Platform.Workflow.Definitions;
using Platform.Workflow.Runtime;

namespace Platform.Workflow.Actions;

/// <summary>
/// Runs <see cref="CreatePartnerOrgAction"/>: the organisation lives in the identity store, outside the step's
/// transaction, so the partner is looked up by code first and reused; a step that is retried after a failure later
/// in its transaction finds the partner it made and goes on with it.
/// </summary>
internal sealed class PartnerOrgCreator(IServiceScopeFactory scopes)
{
    public async Task<Guid> CreateAsync(StepContext ctx, JsonObject values)
    {
        var name = Text(values["name"]) ?? throw new WorkflowStepException("The partner organisation needs a name (the name expression is empty). / 伙伴组织需要名称（name 表达式为空）。");
        var code = Text(values["code"]) ?? throw new WorkflowStepException("The partner organisation needs a code (the code expression is empty). / 伙伴组织需要编码（code 表达式为空）。");
        Guid? manager = Text(values["manager"]) is { } m ? Guid.TryParse(m, out var g) ? g
            : throw new WorkflowStepException($"'{m}' is not a user id (manager). / '{m}' 不是用户 id（manager）。") : null;
        await using var scope = scopes.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetService<IOrganizationAdmin>()
            ?? throw new WorkflowStepException("This host has no organisation service, so partners cannot be created. / 当前宿主没有组织服务，无法新建伙伴组织。");
        var existing = (await admin.ListPartnersAsync(ctx.Ct)).FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase));
        if (existing is not null) return existing.Id;
        try
        {
            return await admin.CreatePartnerAsync(new NewPartner(name, code, Text(values["tier"]), Text(values["region"]), manager), ctx.Ct);
        }
        catch (OrganizationException e)
        {
            throw new WorkflowStepException($"{e.Message} / {e.MessageZh}");
        }
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() is { Length: > 0 } s ? s.Trim() : null,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };
}
