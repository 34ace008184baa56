using System.Text.Json.Nodes;

namespace Platform.Packages.SampleData;

/// <summary>
/// One <c>sample-data/*.json</c> file: how many records of which form to generate, and per field how to make a
/// value. Fields not mentioned get a value from their type (options, ranges, related records, dates near today).
/// Files run in <see cref="Order"/>; relation fields pick among records generated earlier.
/// </summary>
public sealed record SampleDataSpec
{
    public required string Form { get; init; }
    public int Count { get; init; } = 10;
    public int Order { get; init; }
    /// <summary>Field key → generator: <c>{"values": [...]}</c>, <c>{"pattern": "客户{n}"}</c>,
    /// <c>{"between": [a, b]}</c>, <c>{"daysFromToday": [-90, 30]}</c>, <c>{"weights": {"key": 3}}</c>,
    /// <c>{"lines": [min, max]}</c> for sub-tables, <c>{"copy": "relationField.field"}</c>, <c>{"distinct": true}</c> (one related record each), <c>{"empty": true}</c>,
    /// <c>{"chance": 0.7}</c> (the field stays empty in the other rows), <c>{"having": "field"}</c> (relations: only records with that field filled), <c>{"owner": true}</c> (a member field: the record's owner).</summary>
    public Dictionary<string, JsonObject> Fields { get; init; } = [];

    /// <summary>Only for <c>"form": "@users"</c>: the users to create.</summary>
    public List<SampleUserSpec> Users { get; init; } = [];

    /// <summary>Who owns the generated records (null: nobody, as the system writes them).</summary>
    public SampleOwnerSpec? Owner { get; init; }
}
