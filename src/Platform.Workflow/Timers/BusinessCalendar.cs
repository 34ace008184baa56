using Microsoft.Extensions.Options;

namespace Platform.Workflow.Timers;

/// <summary>Working days, working hours and holidays (section "Workflow:Calendar").</summary>
public sealed class BusinessCalendarOptions
{
    /// <summary>IANA or Windows id; empty means <see cref="WorkflowOptions.TimeZone"/>.</summary>
    public string? TimeZone { get; set; }

    public List<DayOfWeek> WorkDays { get; set; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
    public TimeOnly WorkStart { get; set; } = new(9, 0);
    public TimeOnly WorkEnd { get; set; } = new(18, 0);

    /// <summary>Days off that would otherwise be working days (public holidays).</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Days worked that would otherwise be off (China's make-up working weekends, 调休).</summary>
    public List<DateOnly> ExtraWorkdays { get; set; } = [];
}

/// <summary>
/// Adds durations in working time. Whole days of a duration count working days (P2D = two working days later at the same
/// clock time); the rest counts working hours (PT4H = four hours inside working hours). A start outside working hours
/// first moves to the next working moment, so "2 business days" from Saturday ends on Tuesday at the start of work.
/// </summary>
public sealed class BusinessCalendar(IOptions<WorkflowOptions> options)
{
    private readonly BusinessCalendarOptions _c = options.Value.Calendar;
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(
        string.IsNullOrWhiteSpace(options.Value.Calendar.TimeZone) ? options.Value.TimeZone : options.Value.Calendar.TimeZone);

    public bool IsWorkingDay(DateOnly day) =>
        _c.ExtraWorkdays.Contains(day) || (_c.WorkDays.Contains(day.DayOfWeek) && !_c.Holidays.Contains(day));

    public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), "Business durations cannot be negative.");
        if (_c.WorkEnd <= _c.WorkStart) throw new InvalidOperationException("Workflow:Calendar WorkEnd must be after WorkStart.");
        var local = NextWorkingMoment(TimeZoneInfo.ConvertTime(start, _zone).DateTime);
        for (var d = 0; d < duration.Days; d++)
        {
            var day = DateOnly.FromDateTime(local).AddDays(1);
            for (var guard = 0; !IsWorkingDay(day); guard++)
            {
                if (guard > 366) throw new InvalidOperationException("The business calendar has no working day within a year.");
                day = day.AddDays(1);
            }
            local = day.ToDateTime(TimeOnly.FromDateTime(local));
        }
        var rest = duration - TimeSpan.FromDays(duration.Days);
        while (rest > TimeSpan.Zero)
        {
            local = NextWorkingMoment(local);
            var endOfDay = DateOnly.FromDateTime(local).ToDateTime(_c.WorkEnd);
            var step = endOfDay - local < rest ? endOfDay - local : rest;
            local += step;
            rest -= step;
        }
        return new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The moment itself when inside working hours, else the start of the next working period.</summary>
    private DateTime NextWorkingMoment(DateTime local)
    {
        var day = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        if (IsWorkingDay(day) && time >= _c.WorkStart && time < _c.WorkEnd) return local;
        if (!IsWorkingDay(day) || time >= _c.WorkEnd) day = day.AddDays(1);
        for (var guard = 0; !IsWorkingDay(day); guard++)
        {
            if (guard > 366) throw new InvalidOperationException("The business calendar has no working day within a year.");
            day = day.AddDays(1);
        }
        return day.ToDateTime(_c.WorkStart);
    }
}
