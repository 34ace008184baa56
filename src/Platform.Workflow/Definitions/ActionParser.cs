using System.Xml.Linq;

namespace Platform.Workflow.Definitions;

/// <summary>Reads a service task's lc:action and its settings (attributes, and lc:* children in extensionElements).</summary>
internal static class ActionParser
{
    private static readonly XNamespace Lc = BpmnNames.Lc;

    public static ActionSpec? Parse(XElement e, string id, List<DefinitionError> errors)
    {
        var action = (string?)e.Attribute(Lc + "action");
        if (action is null) return null;
        var settings = e.Descendants().Where(d => d.Name.Namespace == Lc).ToList();
        switch (action.ToLowerInvariant())
        {
            case "notify":
                return ParseNotify(e, id, errors);
            case "updaterecord":
                var target = (string?)e.Attribute(Lc + "target");
                return new UpdateRecordAction(
                    target?.StartsWith("field:", StringComparison.Ordinal) == true ? target[6..] : null,
                    target?.StartsWith("var:", StringComparison.Ordinal) == true ? target[4..] : null,
                    Assignments(settings, id, errors));
            case "createrecord":
                var form = ((string?)e.Attribute(Lc + "form"))?.Split('/', 2);
                if (form is not { Length: 2 })
                {
                    errors.Add(new(id, "createRecord needs lc:form=\"app/form\".", "新建记录需要 lc:form=\"应用/表单\"。"));
                    return null;
                }
                return new CreateRecordAction(form[0], form[1], Assignments(settings, id, errors), (string?)e.Attribute(Lc + "resultVar"));
            case "createpartnerorg":
                return ParsePartnerOrg(e, settings, id, errors);
            case "assignowner":
                return ParseAssign(e, settings, id, errors);
            case "http":
                return ParseHttp(e, settings, id, errors);
            default:
                errors.Add(new(id, $"Unknown action '{action}' (notify, updateRecord, createRecord, createPartnerOrg, assignOwner, http).", $"未知的动作 '{action}'。"));
                return null;
        }
    }

    private static NotifyAction? ParseNotify(XElement e, string id, List<DefinitionError> errors)
    {
        var channelText = (string?)e.Attribute(Lc + "channel") ?? "inApp";
        if (!Enum.TryParse<NotifyChannel>(channelText, ignoreCase: true, out var channel))
        {
            errors.Add(new(id, $"Unknown channel '{channelText}' (inApp, email, dingTalk, weCom).", $"未知的通知渠道 '{channelText}'。"));
            return null;
        }
        var webhook = (string?)e.Attribute(Lc + "webhook");
        if (channel is NotifyChannel.DingTalk or NotifyChannel.WeCom && !Uri.TryCreate(webhook, UriKind.Absolute, out _))
            errors.Add(new(id, "A robot notification needs an absolute lc:webhook URL.", "群机器人通知需要完整的 lc:webhook 地址。"));
        var to = ApproverRules.Parse((string?)e.Attribute(Lc + "to"), id, errors);
        var addresses = (string?)e.Attribute(Lc + "toAddress");
        if (channel is NotifyChannel.InApp && to.Count == 0 || channel is NotifyChannel.Email && to.Count == 0 && addresses is null)
            errors.Add(new(id, "A notification needs recipients (lc:to).", "通知需要接收人（lc:to）。"));
        return new NotifyAction(channel, to, ApproverRules.Parse((string?)e.Attribute(Lc + "cc"), id, errors),
            (string?)e.Attribute(Lc + "subject") ?? "", (string?)e.Attribute(Lc + "body") ?? "", webhook, (string?)e.Attribute(Lc + "secret"), addresses);
    }

    private static CreatePartnerOrgAction ParsePartnerOrg(XElement e, List<XElement> settings, string id, List<DefinitionError> errors)
    {
        var set = Assignments(settings, id, errors);
        foreach (var unknown in set.Select(a => a.Field).Where(f => !CreatePartnerOrgAction.Fields.Contains(f)))
            errors.Add(new(id, $"createPartnerOrg cannot set '{unknown}' (name, code, tier, region, manager).", $"新建伙伴组织不能设置 '{unknown}'（name、code、tier、region、manager）。"));
        foreach (var missing in new[] { "name", "code" }.Where(f => set.All(a => a.Field != f)))
            errors.Add(new(id, $"createPartnerOrg needs <lc:set field=\"{missing}\" …>.", $"新建伙伴组织需要 <lc:set field=\"{missing}\" …>。"));
        return new CreatePartnerOrgAction(set, (string?)e.Attribute(Lc + "resultVar"));
    }

    private static AssignOwnerAction? ParseAssign(XElement e, List<XElement> settings, string id, List<DefinitionError> errors)
    {
        var text = (string?)e.Attribute(Lc + "strategy") ?? "roundRobin";
        if (!Enum.TryParse<AssignStrategy>(text, ignoreCase: true, out var strategy))
        {
            errors.Add(new(id, $"Unknown assignment strategy '{text}' (fixed, roundRobin, byRegion, leastLoaded).", $"未知的分配策略 '{text}'。"));
            return null;
        }
        var regions = settings.Where(s => s.Name.LocalName == "region")
            .Select(r => new RegionRule((string?)r.Attribute("value") ?? "*", Guids((string?)r.Attribute("users"), id, errors))).ToList();
        var action = new AssignOwnerAction(strategy, Guids((string?)e.Attribute(Lc + "users"), id, errors), (string?)e.Attribute(Lc + "role"),
            (string?)e.Attribute(Lc + "regionField"), regions);
        if (strategy == AssignStrategy.ByRegion && (action.RegionField is null || regions.Count == 0))
            errors.Add(new(id, "Assignment by region needs lc:regionField and lc:region rules.", "按区域分配需要 lc:regionField 和 lc:region 规则。"));
        else if (strategy != AssignStrategy.ByRegion && action.Users.Count == 0 && action.Role is null)
            errors.Add(new(id, "Assignment needs lc:users or lc:role.", "分配负责人需要 lc:users 或 lc:role。"));
        return action;
    }

    private static HttpAction? ParseHttp(XElement e, List<XElement> settings, string id, List<DefinitionError> errors)
    {
        var url = (string?)e.Attribute(Lc + "url");
        if (url is null || !(url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new(id, "An HTTP action needs an http(s) lc:url.", "HTTP 动作需要 http(s) 地址 lc:url。"));
            return null;
        }
        var attempts = int.TryParse((string?)e.Attribute(Lc + "retries"), out var r) ? Math.Clamp(r + 1, 1, 20) : 5;
        return new HttpAction(((string?)e.Attribute(Lc + "method") ?? "POST").ToUpperInvariant(), url, (string?)e.Attribute(Lc + "body"),
            settings.Where(s => s.Name.LocalName == "header").ToDictionary(h => (string?)h.Attribute("name") ?? "", h => (string?)h.Attribute("value") ?? ""),
            attempts,
            settings.Where(s => s.Name.LocalName == "map").Select(m => new ResponseMapping((string?)m.Attribute("var") ?? "", (string?)m.Attribute("path") ?? "")).ToList());
    }

    private static List<FieldAssignment> Assignments(List<XElement> settings, string id, List<DefinitionError> errors)
    {
        var list = new List<FieldAssignment>();
        foreach (var s in settings.Where(s => s.Name.LocalName == "set"))
        {
            var field = (string?)s.Attribute("field");
            var expr = (string?)s.Attribute("expr");
            if (string.IsNullOrWhiteSpace(field) || expr is null) errors.Add(new(id, "lc:set needs field and expr.", "lc:set 需要 field 和 expr。"));
            else list.Add(new FieldAssignment(field, expr));
        }
        if (list.Count == 0) errors.Add(new(id, "No lc:set fields given.", "没有设置任何字段（lc:set）。"));
        return list;
    }

    private static List<Guid> Guids(string? text, string id, List<DefinitionError> errors)
    {
        var list = new List<Guid>();
        foreach (var part in BpmnNodeParser.SplitList(text))
        {
            if (Guid.TryParse(part, out var g)) list.Add(g);
            else errors.Add(new(id, $"'{part}' is not a user id.", $"'{part}' 不是用户 id。"));
        }
        return list;
    }
}
