using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Dashboard;

/// <summary>Reads a table of the dashboard as a person does: the line whose heading is <c>name</c>, each cell under its column's header.</summary>
public static class StatisticsTable
{
    public static IReadOnlyDictionary<string, string> Row(Page page, string tableId, string name)
    {
        var table = page.Html.GetElementById(tableId) ?? throw new InvalidOperationException($"No table #{tableId}: {page.Text[..Math.Min(500, page.Text.Length)]}");
        var headers = table.QuerySelectorAll("thead th").Select(th => Fold(th.TextContent)).ToList();
        var row = table.QuerySelectorAll("tbody tr").SingleOrDefault(tr => Fold(tr.QuerySelector("th")!.TextContent) == name)
            ?? throw new InvalidOperationException($"No line \"{name}\" in #{tableId}");
        return headers.Zip(row.Children.Select(c => Fold(c.TextContent))).ToDictionary(x => x.First, x => x.Second);
    }

    public static IReadOnlyList<string> Names(Page page, string tableId) =>
        page.Html.GetElementById(tableId)?.QuerySelectorAll("tbody th").Select(th => Fold(th.TextContent)).ToList() ?? [];

    /// <summary>White space folded as the page's text is: a no-break space is a space.</summary>
    public static string Fold(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
