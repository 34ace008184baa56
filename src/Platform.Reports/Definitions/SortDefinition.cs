using System.Text.Json.Serialization;

namespace Platform.Reports.Definitions;

/// <summary>Orders groups by a measure key or a dimension key.</summary>
public sealed record SortDefinition(string By, SortDirection Direction = SortDirection.Desc);

[JsonConverter(typeof(JsonStringEnumConverter<SortDirection>))]
public enum SortDirection { Asc, Desc }

/// <summary>Keeps the first <see cref="Count"/> values of the first dimension by <see cref="By"/>; the rest become "others" when asked.</summary>
public sealed record TopN(int Count, string? By = null, bool Others = false);
