namespace Platform.Workflow.Definitions;

/// <summary>How a user task chooses approvers and what they may see and edit.</summary>
public sealed record UserTaskSpec
{
    public required IReadOnlyList<ApproverRule> Approvers { get; init; }
    public ApprovalMode Mode { get; init; } = ApprovalMode.Any;
    public IReadOnlyList<ApproverRule> CarbonCopy { get; init; } = [];
    public IReadOnlyDictionary<string, FieldAccess> FieldAccess { get; init; } = new Dictionary<string, FieldAccess>();
    public TimeSpan? Due { get; init; }

    /// <summary>lc:dueCalendar="business": the due time counts working time.</summary>
    public bool DueInBusinessTime { get; init; }

    /// <summary>Rejecting ends the instance (the usual approval semantics) unless the flow handles it.</summary>
    public bool RejectEndsInstance { get; init; } = true;
}

public enum ApprovalMode { Any, All, Sequential }

public enum FieldAccess { Editable, ReadOnly, Hidden }

public enum ApproverKind { User, Role, DepartmentManager, SubmitterManager, MemberField, PartnerManager, Expression }

/// <summary>One approver rule, e.g. role:sales_director, manager:2, field:owner.</summary>
public sealed record ApproverRule(ApproverKind Kind, string? Value, int Levels = 1)
{
    public override string ToString() => Kind switch
    {
        ApproverKind.User => $"user:{Value}",
        ApproverKind.Role => $"role:{Value}",
        ApproverKind.DepartmentManager => Value is null ? "deptManager" : $"deptManager:{Value}",
        ApproverKind.SubmitterManager => $"manager:{Levels}",
        ApproverKind.MemberField => $"field:{Value}",
        ApproverKind.PartnerManager => "partnerManager",
        _ => $"expr:{Value}",
    };
}
