using EServices.Web.Workflow.Statistics;
using System.Globalization;

namespace EServices.Web.Features.Dashboard;

/// <summary>The dashboard's query string as typed: <c>du</c>, <c>au</c> and an optional service. Dates come as yyyy-MM-dd
/// from a date input, or as dd/MM/yyyy typed by hand where the browser shows a plain text box.
/// Kept as text so that a bad date is told to the user next to its field instead of failing the binding.</summary>
public sealed class DashboardFilter
{
    /// <summary>Twelve weeks back from today, today included, when no dates are given.</summary>
    public const int DefaultDays = 12 * 7;

    /// <summary>Longer periods make a trend chart nobody can read and a query nobody needs.</summary>
    public const int MaxDays = 3 * 366;

    private static readonly string[] Formats = ["yyyy-MM-dd", "dd/MM/yyyy"];

    public string? Du { get; set; }
    public string? Au { get; set; }
    public int? Service { get; set; }

    /// <summary>The period asked for, or the French message for each field that is wrong.</summary>
    public (StatisticsPeriod? Period, IReadOnlyList<(string Field, string Message)> Problems) Read(DateOnly today)
    {
        var problems = new List<(string, string)>();
        var to = Parse(Au, "au", today, problems);
        var from = Parse(Du, "du", to.AddDays(1 - DefaultDays), problems);
        if (problems.Count == 0 && from > to)
        {
            problems.Add(("au", "La date de fin doit être le même jour que la date de début ou après."));
        }
        else if (problems.Count == 0 && to.DayNumber - from.DayNumber >= MaxDays)
        {
            problems.Add(("du", "La période ne peut pas dépasser trois ans."));
        }

        return problems.Count == 0 ? (new StatisticsPeriod(from, to, Service), problems) : (null, problems);
    }

    private static DateOnly Parse(string? text, string field, DateOnly fallback, List<(string, string)> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        // Years outside 2000–2100 are refused: the periods' arithmetic would step past 31/12/9999.
        var read = DateOnly.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        if (read && date.Year is >= 2000 and <= 2100)
        {
            return date;
        }

        problems.Add((field, !read ? "Saisissez une date valide, par exemple 26/03/2027." : "Saisissez une date entre 2000 et 2100, par exemple 26/03/2027."));
        return fallback;
    }
}
