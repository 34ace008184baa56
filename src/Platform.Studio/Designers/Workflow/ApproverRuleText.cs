namespace Platform.Studio.Designers.Workflow;

/// <summary>One approver rule as the panel edits it: a kind and its argument (role name, levels, user id, member field).</summary>
public sealed class ApproverRuleItem
{
    public string Kind { get; set; } = "role";
    public string Value { get; set; } = "";

    /// <summary>Kinds the engine resolves; the flag says whether the kind takes an argument.</summary>
    public static readonly IReadOnlyList<(string Kind, bool HasValue)> Kinds =
    [
        ("user", true), ("role", true), ("deptManager", false), ("manager", true), ("submitter", false),
        ("field", true), ("fieldManager", true), ("partnerManager", false),
    ];

    public static bool TakesValue(string kind) => Kinds.FirstOrDefault(k => k.Kind == kind).HasValue;

    /// <summary>Parses "role:director; manager:2" into items; unknown text is kept as a role so nothing is lost silently.</summary>
    public static List<ApproverRuleItem> Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item =>
            {
                var parts = item.Split(':', 2, StringSplitOptions.TrimEntries);
                var kind = Kinds.FirstOrDefault(k => string.Equals(k.Kind, parts[0], StringComparison.OrdinalIgnoreCase)).Kind;
                return kind is null ? new ApproverRuleItem { Kind = "role", Value = item } : new ApproverRuleItem { Kind = kind, Value = parts.Length == 2 ? parts[1] : "" };
            }).ToList();

    public static string Format(IEnumerable<ApproverRuleItem> items) =>
        string.Join(";", items.Where(i => !TakesValue(i.Kind) || !string.IsNullOrWhiteSpace(i.Value))
            .Select(i => TakesValue(i.Kind) ? $"{i.Kind}:{i.Value.Trim()}" : i.Kind));

    public override string ToString() => TakesValue(Kind) ? $"{Kind}:{Value}" : Kind;
}
