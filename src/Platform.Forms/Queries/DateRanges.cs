namespace Platform.Forms.Queries;

/// <summary>Relative date ranges as half-open [from, to) local dates; weeks start on Monday.</summary>
internal static class DateRanges
{
    public static (DateOnly From, DateOnly To) For(FilterOperator op, DateOnly today, int days) => op switch
    {
        FilterOperator.Today => (today, today.AddDays(1)),
        FilterOperator.ThisWeek => Week(today),
        FilterOperator.ThisMonth => (new DateOnly(today.Year, today.Month, 1), new DateOnly(today.Year, today.Month, 1).AddMonths(1)),
        FilterOperator.ThisQuarter => Quarter(today),
        FilterOperator.ThisYear => (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year + 1, 1, 1)),
        FilterOperator.LastNDays => (today.AddDays(-(Math.Max(days, 1) - 1)), today.AddDays(1)),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    public static bool IsRelative(FilterOperator op) =>
        op is FilterOperator.Today or FilterOperator.ThisWeek or FilterOperator.ThisMonth or FilterOperator.ThisQuarter
            or FilterOperator.ThisYear or FilterOperator.LastNDays;

    private static (DateOnly, DateOnly) Week(DateOnly today)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return (monday, monday.AddDays(7));
    }

    private static (DateOnly, DateOnly) Quarter(DateOnly today)
    {
        var start = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        return (start, start.AddMonths(3));
    }
}
