namespace Platform.Workflow.Definitions;

/// <summary>A service task's action; one derived record per action type.</summary>
public abstract record ActionSpec;

public enum NotifyChannel { InApp, Email, DingTalk, WeCom }

/// <summary>
/// Notify people (in-app, e-mail) or a group robot. Subject, body and e-mail addresses (ToAddresses, e.g. a customer's
/// {{email}} field) are templates with {{field}} placeholders.
/// </summary>
public sealed record NotifyAction(
    NotifyChannel Channel,
    IReadOnlyList<ApproverRule> To,
    IReadOnlyList<ApproverRule> Cc,
    string Subject,
    string Body,
    string? WebhookUrl,
    string? Secret,
    string? ToAddresses = null) : ActionSpec;

/// <summary>Sets fields of the triggering record, or of the record a relation field or variable points to.</summary>
public sealed record UpdateRecordAction(string? TargetField, string? TargetVariable, IReadOnlyList<FieldAssignment> Set) : ActionSpec;

public sealed record CreateRecordAction(string AppKey, string FormKey, IReadOnlyList<FieldAssignment> Set, string? ResultVariable) : ActionSpec;

/// <summary>field = expression (evaluated in the sandbox with the record and variables).</summary>
public sealed record FieldAssignment(string Field, string Expression);

public enum AssignStrategy { Fixed, RoundRobin, ByRegion, LeastLoaded }

/// <summary>Set the record's owner; the candidate group comes from users or a role, or a region rule.</summary>
public sealed record AssignOwnerAction(
    AssignStrategy Strategy,
    IReadOnlyList<Guid> Users,
    string? Role,
    string? RegionField,
    IReadOnlyList<RegionRule> Regions) : ActionSpec;

/// <summary>Region value (e.g. a province code or a select option) to the group handling it, taken in turn.</summary>
public sealed record RegionRule(string Region, IReadOnlyList<Guid> Users);

public sealed record HttpAction(
    string Method,
    string Url,
    string? Body,
    IReadOnlyDictionary<string, string> Headers,
    int MaxAttempts,
    IReadOnlyList<ResponseMapping> Map) : ActionSpec;

/// <summary>Copies a value at a dotted path of the JSON response into an instance variable.</summary>
public sealed record ResponseMapping(string Variable, string Path);

/// <summary>
/// Creates the partner organisation (the data scope of partner users) from expressions: name and code are required,
/// tier, region and manager (a user id) optional. A partner with the same code is reused, so a retried or repeated
/// step never makes a second one. The partner id goes into <see cref="ResultVariable"/>.
/// </summary>
public sealed record CreatePartnerOrgAction(IReadOnlyList<FieldAssignment> Set, string? ResultVariable) : ActionSpec
{
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.Ordinal) { "name", "code", "tier", "region", "manager" };
}
