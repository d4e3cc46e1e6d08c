namespace EServices.Web.Domain.Requests;

public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>Public holidays that move every year (Aïd el-Fitr, Tabaski, Maouloud), as announced by the
    /// government; the fixed and Easter-based ones are computed.</summary>
    public List<DateOnly> MovableHolidays { get; init; } = [];
}

/// <summary>Working days in Burkina Faso: weekends and public holidays excluded.</summary>
public sealed class WorkingCalendar(IEnumerable<DateOnly> movableHolidays)
{
    private static readonly (int Month, int Day)[] FixedHolidays =
    [
        (1, 1),   // Jour de l'an
        (1, 3),   // Soulèvement populaire du 3 janvier 1966
        (3, 8),   // Journée internationale de la femme
        (5, 1),   // Fête du travail
        (5, 15),  // Journée des coutumes et traditions
        (8, 5),   // Fête de l'indépendance
        (8, 15),  // Assomption
        (11, 1),  // Toussaint
        (12, 11), // Proclamation de la République
        (12, 25), // Noël
    ];

    private readonly HashSet<DateOnly> _movable = [.. movableHolidays];

    public bool IsHoliday(DateOnly day)
    {
        if (_movable.Contains(day) || FixedHolidays.Contains((day.Month, day.Day)))
        {
            return true;
        }

        var easter = EasterSunday(day.Year);
        return day == easter.AddDays(1) || day == easter.AddDays(39); // lundi de Pâques, Ascension
    }

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(day);

    /// <summary>The day a request filed on <paramref name="start"/> is due: <paramref name="workingDays"/> working
    /// days later, counting from the next working day. Zero days means the same day.</summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        var day = start;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The working days left to act until <paramref name="lastDay"/> included, today included if it is one.</summary>
    public int WorkingDaysLeft(DateOnly today, DateOnly lastDay) =>
        today > lastDay ? 0 : WorkingDaysBetween(today, lastDay) + (IsWorkingDay(today) ? 1 : 0);

    /// <summary>Gregorian Easter Sunday (anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
