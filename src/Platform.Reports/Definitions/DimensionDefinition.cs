using Platform.Forms.Definitions;
using System.Text.Json.Serialization;

namespace Platform.Reports.Definitions;

/// <summary>
/// A group-by. <see cref="Field"/> is a field key, a path through a relation (<c>customer.industry</c>),
/// a sub-table line field (<c>lines.product</c>) or a system field (<c>_owner</c>, <c>_createdAt</c> …).
/// </summary>
public sealed record DimensionDefinition
{
    public required string Field { get; init; }
    /// <summary>Name in results; defaults to the field path.</summary>
    public string? Key { get; init; }
    public LocalizedText? Label { get; init; }
    /// <summary>Date and date-time fields: the period each value falls in.</summary>
    public DateBucket? Bucket { get; init; }
    /// <summary>Address fields: group by province (default) or city.</summary>
    public AddressLevel? Level { get; init; }

    [JsonIgnore]
    public string ResultKey => Key ?? Field;
}

[JsonConverter(typeof(JsonStringEnumConverter<DateBucket>))]
public enum DateBucket { Day, Week, Month, Quarter, Year }

[JsonConverter(typeof(JsonStringEnumConverter<AddressLevel>))]
public enum AddressLevel { Province, City }
