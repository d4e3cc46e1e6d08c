
namespace EServices.Web.Workflow.Statistics;

/// <summary>Working days counted by PostgreSQL exactly as <see cref="WorkingCalendar.WorkingDaysBetween"/> counts them:
/// the days after the first date up to and including the second, weekends and public holidays excluded.
/// The holidays come from the calendar (fixed, Easter-based and configured ones) as a <c>date[]</c> parameter.</summary>
public static class WorkingDaysSql
{
    public const string HolidaysParameter = "holidays";

    /// <summary>A SQL expression counting the working days after <paramref name="from"/> up to <paramref name="to"/>
    /// (two SQL date expressions written by us, never user input). The days run as timestamps without time zone so that the
    /// session's time zone plays no part.</summary>
    public static string Between(string from, string to) => $"""
        (SELECT count(*)::int FROM generate_series(({from} + 1)::timestamp, ({to})::timestamp, interval '1 day') AS d(day)
         WHERE extract(isodow FROM d.day) < 6 AND NOT d.day::date = ANY(@{HolidaysParameter}))
        """;

    /// <summary>Every public holiday of the years <paramref name="fromYear"/> to <paramref name="toYear"/>, as the calendar knows them.</summary>
    public static DateOnly[] Holidays(WorkingCalendar calendar, int fromYear, int toYear)
    {
        var holidays = new List<DateOnly>();
        for (var day = new DateOnly(fromYear, 1, 1); day.Year <= toYear; day = day.AddDays(1))
        {
            if (calendar.IsHoliday(day))
            {
                holidays.Add(day);
            }
        }

        return [.. holidays];
    }
}
