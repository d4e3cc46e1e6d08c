using System.Net;

namespace EServices.Tests.Faults;

[Collection(FaultsCollection.Name)]
public sealed class ErrorPageTests(FaultsHost host)
{
    [Fact]
    public async Task An_unhandled_exception_shows_a_french_page_with_the_correlation_id_of_its_log_line_and_no_detail()
    {
        using var session = host.NewSession();

        var page = await session.GetAsync(FaultsHost.FailingPath);

        Assert.Equal(HttpStatusCode.InternalServerError, page.Status);
        Assert.Equal("Une erreur est survenue – E-services de la Fonction publique", page.Html.Title);
        Assert.Contains("Le portail a rencontré un problème. Vos données enregistrées sont conservées", page.Text, StringComparison.Ordinal);
        var id = page.Html.QuerySelector("main code")?.TextContent;
        Assert.NotNull(id);
        Assert.Matches("^[0-9a-f]{12}$", id);
        Assert.Contains($"communiquez ce code au support : {id}", page.Text, StringComparison.Ordinal);
        var body = await page.Response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(FaultsHost.SecretInException, body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", page.Text, StringComparison.Ordinal);

        // The exception handler's own line: level, correlation id, then the exception with its stack trace (for support only).
        // The handler may write its log line just after the page has gone out.
        bool IsTheLine(string l) => l.Contains("ExceptionHandlerMiddleware An unhandled exception", StringComparison.Ordinal)
            && l.Contains($" ERR] {id} ", StringComparison.Ordinal);
        for (var wait = 0; wait < 50 && !host.ConsoleLines.Lines.Any(IsTheLine); wait++)
        {
            await Task.Delay(100);
        }

        var line = Assert.Single(host.ConsoleLines.Lines, IsTheLine);
        Assert.Contains(FaultsHost.SecretInException, line, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException", line, StringComparison.Ordinal);
        // The request's own summary line is an error too, with the same correlation id.
        Assert.Contains(host.ConsoleLines.Lines, l => l.Contains($" ERR] {id} ", StringComparison.Ordinal)
            && l.Contains($"HTTP GET {FaultsHost.FailingPath} responded 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_failures_get_two_correlation_ids()
    {
        using var session = host.NewSession();

        var first = (await session.GetAsync(FaultsHost.FailingPath)).Html.QuerySelector("main code")?.TextContent;
        var second = (await session.GetAsync(FaultsHost.FailingPath)).Html.QuerySelector("main code")?.TextContent;

        Assert.NotNull(first);
        Assert.NotEqual(first, second);
    }
}
