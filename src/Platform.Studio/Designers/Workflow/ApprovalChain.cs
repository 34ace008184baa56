using System.Text.Json.Serialization;

namespace Platform.Studio.Designers.Workflow;

/// <summary>
/// The business user's view of an approval: submitter, then approver / condition / copy-to steps top to bottom.
/// Mutable because the chain designer edits it in place; <see cref="ApprovalChainBpmn"/> turns it into BPMN.
/// </summary>
public sealed class ApprovalChain
{
    public string Name { get; set; } = "";

    /// <summary>The form whose records are approved, "app/form".</summary>
    public string Form { get; set; } = "";

    /// <summary>recordCreated, recordSaved or manual.</summary>
    public string Trigger { get; set; } = "recordCreated";

    /// <summary>Optional expression on the record; the approval starts only when it holds.</summary>
    public string? StartCondition { get; set; }

    public List<ChainStep> Steps { get; set; } = [];
}

/// <summary>One card of the chain.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ApproverStep), "approver")]
[JsonDerivedType(typeof(ConditionStep), "condition")]
[JsonDerivedType(typeof(CopyStep), "copy")]
public abstract class ChainStep
{
    public string Name { get; set; } = "";
}

/// <summary>People who approve; several rules are combined, the mode says whether one, all or each in turn must approve.</summary>
public sealed class ApproverStep : ChainStep
{
    /// <summary>Approver rules as the engine reads them (role:x, deptManager, manager:2, user:id, field:owner …).</summary>
    public List<string> Approvers { get; set; } = [];

    /// <summary>any, all or sequential.</summary>
    public string Mode { get; set; } = "any";

    /// <summary>Remind the approvers after this many hours without a decision; null for no reminder.</summary>
    public int? RemindAfterHours { get; set; }

    /// <summary>How many reminders at most (one every <see cref="RemindAfterHours"/>).</summary>
    public int RemindTimes { get; set; } = 1;

    /// <summary>The task's due time in hours; null for none.</summary>
    public int? DueHours { get; set; }

    /// <summary>Field access for the approver, e.g. amount:readonly,discount:editable.</summary>
    public string? FieldAccess { get; set; }
}

/// <summary>Branches tried in order; the last one is taken when no other holds.</summary>
public sealed class ConditionStep : ChainStep
{
    public List<ChainBranch> Branches { get; set; } = [];
}

/// <summary>A branch: a no-code rule (field, operator, value) or an expression; the default branch has neither.</summary>
public sealed class ChainBranch
{
    public string Name { get; set; } = "";
    public string? Field { get; set; }
    public string Operator { get; set; } = "gt";
    public string? Value { get; set; }
    public string? Expression { get; set; }
    public bool IsDefault { get; set; }
    public List<ChainStep> Steps { get; set; } = [];
}

/// <summary>People copied: they get an in-app message with the record's fields filled into the template.</summary>
public sealed class CopyStep : ChainStep
{
    public List<string> Recipients { get; set; } = [];
    public string Subject { get; set; } = "{{record.title}}";
    public string Body { get; set; } = "";
}
