using System.Globalization;
using Platform.Forms.Fields;
using Platform.Reports.Compilation;
using Platform.Reports.Definitions;
using Platform.Reports.Sources;

namespace Platform.Reports.Running;

/// <summary>Names dimension keys for people: option labels, region names, period names, member and record names.</summary>
internal sealed class CellLabeler(RegionTable regions)
{
    public ResultCell Label(CompiledDimension dimension, string? key, string? joinedName, string? culture)
    {
        var zh = culture?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true;
        if (key is null) return new(null, zh ? "（空）" : "(empty)");
        var label = dimension.Kind switch
        {
            FieldKind.Select or FieldKind.MultiSelect => dimension.Field.Field.Options.FirstOrDefault(o => o.Key == key)?.Label.For(culture) ?? key,
            FieldKind.Address => regions.NameOf(key) is { Length: > 0 } name ? name : key,
            FieldKind.Boolean => key == "true" ? (zh ? "是" : "Yes") : (zh ? "否" : "No"),
            FieldKind.Date or FieldKind.DateTime => Period(key, dimension.Bucket ?? DateBucket.Day),
            FieldKind.Member or FieldKind.Department or FieldKind.Partner or FieldKind.Relation => joinedName ?? key,
            _ => key,
        };
        return new(key, label);
    }

    public static ResultCell Others(string? culture) =>
        new(null, culture?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true ? "其他" : "Others");

    /// <summary>ISO-like names that sort and read well in both languages.</summary>
    public static string Period(string start, DateBucket bucket)
    {
        if (!DateOnly.TryParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return start;
        return bucket switch
        {
            DateBucket.Week => $"{ISOWeek.GetYear(d.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(d.ToDateTime(TimeOnly.MinValue)):00}",
            DateBucket.Month => d.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            DateBucket.Quarter => $"{d.Year}-Q{(d.Month - 1) / 3 + 1}",
            DateBucket.Year => d.Year.ToString(CultureInfo.InvariantCulture),
            _ => start,
        };
    }

    /// <summary>The start of the period before the one starting at <paramref name="start"/>.</summary>
    public static string? PreviousPeriod(string start, DateBucket bucket)
    {
        if (!DateOnly.TryParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return null;
        var prev = bucket switch
        {
            DateBucket.Week => d.AddDays(-7),
            DateBucket.Month => d.AddMonths(-1),
            DateBucket.Quarter => d.AddMonths(-3),
            DateBucket.Year => d.AddYears(-1),
            _ => d.AddDays(-1),
        };
        return prev.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
