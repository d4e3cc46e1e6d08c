using System.Globalization;

namespace EServices.Web.Workflow.Statistics;

/// <summary>Figures as a French reader writes them on the page ("1 234", "2,5", "85,7 %"); the exports keep plain numbers.</summary>
public static class Figures
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string Count(int value) => value.ToString("N0", French);

    public static string Days(double? value) => value is { } v ? v.ToString("0.#", French) : "—";

    public static string Percent(double? value) => value is { } v ? v.ToString("0.#", French) + "\u00a0%" : "—";
}
