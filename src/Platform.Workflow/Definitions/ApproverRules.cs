namespace Platform.Workflow.Definitions;

/// <summary>Parses approver/recipient lists such as "role:sales_director; manager:2; field:owner".</summary>
internal static class ApproverRules
{
    public static IReadOnlyList<ApproverRule> Parse(string? text, string elementId, List<DefinitionError> errors)
    {
        var rules = new List<ApproverRule>();
        if (string.IsNullOrWhiteSpace(text)) return rules;
        foreach (var item in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(':', 2, StringSplitOptions.TrimEntries);
            var value = parts.Length == 2 ? parts[1] : null;
            ApproverRule? rule = parts[0].ToLowerInvariant() switch
            {
                "user" when Guid.TryParse(value, out _) => new(ApproverKind.User, value),
                "role" when !string.IsNullOrEmpty(value) => new(ApproverKind.Role, value),
                "deptmanager" => new(ApproverKind.DepartmentManager, value),
                "manager" when value is null => new(ApproverKind.SubmitterManager, null, 1),
                "manager" when int.TryParse(value, out var n) && n is > 0 and <= 20 => new(ApproverKind.SubmitterManager, null, n),
                "field" when !string.IsNullOrEmpty(value) => new(ApproverKind.MemberField, value, 0),
                "fieldmanager" when !string.IsNullOrEmpty(value) => new(ApproverKind.MemberField, value, 1),
                "partnermanager" => new(ApproverKind.PartnerManager, null),
                "submitter" => new(ApproverKind.SubmitterManager, null, 0),
                _ => null,
            };
            if (rule is null)
                errors.Add(new(elementId, $"Bad approver rule '{item}' (user:<id>, role:<name>, deptManager, manager:<levels>, field:<member field>, fieldManager:<member field>, partnerManager, submitter).",
                    $"审批人规则 '{item}' 不合法。"));
            else rules.Add(rule);
        }
        return rules;
    }
}
