using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Reports.Definitions;

namespace Platform.Reports.Compilation;

/// <summary>"Today" and relative periods in the reporting time zone, from the injected <see cref="TimeProvider"/>.</summary>
internal sealed partial class ReportClock(TimeProvider time, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone => zone;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);

    [GeneratedRegex(@"^today(?<sign>[+-])(?<n>\d{1,4})(?<unit>[dwmy])$")]
    private static partial Regex Offset();

    /// <summary>Reads <c>yyyy-MM-dd</c>, <c>today</c>, <c>today-7d</c>, <c>today+1m</c>, <c>startOfWeek</c>, <c>startOfMonth</c>, <c>startOfQuarter</c>, <c>startOfYear</c>.</summary>
    public DateOnly? ParseDate(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact)) return exact;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) && text.Contains('T'))
            return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        var today = Today;
        switch (text)
        {
            case "today": return today;
            case "startOfWeek": return StartOfWeek(today);
            case "startOfMonth": return new DateOnly(today.Year, today.Month, 1);
            case "startOfQuarter": return StartOfQuarter(today);
            case "startOfYear": return new DateOnly(today.Year, 1, 1);
        }
        var m = Offset().Match(text);
        if (!m.Success) return null;
        var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) * (m.Groups["sign"].Value == "-" ? -1 : 1);
        return m.Groups["unit"].Value switch
        {
            "d" => today.AddDays(n),
            "w" => today.AddDays(7 * n),
            "m" => today.AddMonths(n),
            _ => today.AddYears(n),
        };
    }

    /// <summary>Named ranges (inclusive): today, yesterday, thisWeek, lastWeek, thisMonth, lastMonth, thisQuarter, lastQuarter, thisYear, lastYear, last7Days, last30Days, last90Days.</summary>
    public DateRange? NamedRange(string name)
    {
        var today = Today;
        var month = new DateOnly(today.Year, today.Month, 1);
        var quarter = StartOfQuarter(today);
        var year = new DateOnly(today.Year, 1, 1);
        var week = StartOfWeek(today);
        return name switch
        {
            "today" => new(today, today),
            "yesterday" => new(today.AddDays(-1), today.AddDays(-1)),
            "thisWeek" => new(week, week.AddDays(6)),
            "lastWeek" => new(week.AddDays(-7), week.AddDays(-1)),
            "thisMonth" => new(month, month.AddMonths(1).AddDays(-1)),
            "lastMonth" => new(month.AddMonths(-1), month.AddDays(-1)),
            "thisQuarter" => new(quarter, quarter.AddMonths(3).AddDays(-1)),
            "lastQuarter" => new(quarter.AddMonths(-3), quarter.AddDays(-1)),
            "thisYear" => new(year, year.AddYears(1).AddDays(-1)),
            "lastYear" => new(year.AddYears(-1), year.AddDays(-1)),
            "last7Days" => new(today.AddDays(-6), today),
            "last30Days" => new(today.AddDays(-29), today),
            "last90Days" => new(today.AddDays(-89), today),
            _ => null,
        };
    }

    public static DateOnly StartOfWeek(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static DateOnly StartOfQuarter(DateOnly day) => new(day.Year, (day.Month - 1) / 3 * 3 + 1, 1);
}

/// <summary>An inclusive range of days.</summary>
public sealed record DateRange(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The range of the same length that ends the day before this one starts; whole months and quarters shift by calendar.</summary>
    public DateRange Previous()
    {
        var months = WholeMonths();
        if (months > 0) return new(From.AddMonths(-months), From.AddDays(-1));
        return new(From.AddDays(-Days), From.AddDays(-1));
    }

    private int WholeMonths()
    {
        if (From.Day != 1 || To.AddDays(1).Day != 1) return 0;
        var end = To.AddDays(1);
        return (end.Year - From.Year) * 12 + end.Month - From.Month;
    }
}
