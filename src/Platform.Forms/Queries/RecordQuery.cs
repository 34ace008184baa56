using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Platform.Forms.Queries;

/// <summary>A list query: filter tree, sort, keyword, paging. Field keys are checked against the definition before any SQL.</summary>
public sealed record RecordQuery
{
    public FilterNode? Filter { get; init; }
    public IReadOnlyList<SortSpec>? Sort { get; init; }
    /// <summary>Matched (case-insensitively, anywhere) against the form's searchable text fields.</summary>
    public string? Keyword { get; init; }
    public int PageSize { get; init; } = 50;
    /// <summary>1-based page for offset paging; ignored when <see cref="After"/> is given.</summary>
    public int Page { get; init; } = 1;
    /// <summary>Keyset cursor from the previous page's <see cref="RecordPage.NextCursor"/>; stays fast at any depth.</summary>
    public string? After { get; init; }
    public bool IncludeTotal { get; init; }
    /// <summary>Deleted records instead of live ones (the recycle bin).</summary>
    public bool Deleted { get; init; }
}

/// <summary>
/// A condition on one field (<see cref="Field"/>, <see cref="Op"/>, <see cref="Value"/>) or a group of
/// conditions (<see cref="And"/> / <see cref="Or"/>), nested to any depth.
/// </summary>
public sealed record FilterNode
{
    public string? Field { get; init; }
    public FilterOperator? Op { get; init; }
    public JsonNode? Value { get; init; }
    public IReadOnlyList<FilterNode>? And { get; init; }
    public IReadOnlyList<FilterNode>? Or { get; init; }

    public static FilterNode Where(string field, FilterOperator op, JsonNode? value = null) => new() { Field = field, Op = op, Value = value };
    public static FilterNode All(params FilterNode[] nodes) => new() { And = nodes };
    public static FilterNode Any(params FilterNode[] nodes) => new() { Or = nodes };
}

[JsonConverter(typeof(JsonStringEnumConverter<FilterOperator>))]
public enum FilterOperator
{
    Eq, Ne, Gt, Gte, Lt, Lte, Between, In, NotIn, Contains, StartsWith, IsEmpty, IsNotEmpty,
    /// <summary>Relative date ranges, in the platform's time zone; weeks start on Monday.</summary>
    Today, ThisWeek, ThisMonth, ThisQuarter, ThisYear, LastNDays,
    /// <summary>Member fields (and _owner, _createdBy, _updatedBy): the acting user.</summary>
    IsMe,
    /// <summary>Department fields (and _department): the acting user's department.</summary>
    IsMyDepartment,
    /// <summary>Partner fields (and _partner): the acting user's partner organisation.</summary>
    IsMyPartner,
}

public sealed record SortSpec(string Field, bool Descending = false);

/// <summary>One page of records; <see cref="NextCursor"/> continues after the last item.</summary>
public sealed record RecordPage(IReadOnlyList<Records.FormRecord> Items, string? NextCursor, long? Total)
{
    /// <summary>
    /// Titles of the records the page's relation fields point at, by id. Only records the viewer may read, and only
    /// when the related form's title field is not hidden from them; anything else has no entry.
    /// </summary>
    public IReadOnlyDictionary<Guid, string?> RelatedTitles { get; init; } = new Dictionary<Guid, string?>();
}
