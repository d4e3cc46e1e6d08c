using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using Npgsql;

namespace EServices.Tests.Faults;

/// <summary>PostgreSQL stops and starts again while applicants file requests: its own cluster, so no other test notices.</summary>
public sealed partial class DatabaseOutageTests
{
    private const string Unavailable = "Le service est momentanément indisponible.";

    [Fact]
    public Task While_postgresql_restarts_pages_answer_503_in_french_and_every_acknowledged_filing_is_kept() => OutageHost.RunAsync(RunAsync);

    private static async Task RunAsync(OutageHost host, PostgresCluster cluster)
    {
        const int applicants = 4;
        var sessions = new List<WebSession>();
        for (var i = 0; i < applicants; i++)
        {
            var session = host.NewSession();
            await TestUsers.SignUpAsync(session);
            sessions.Add(session);
        }

        var filed = new ConcurrentBag<(int Applicant, string Number, long At)>();
        var unavailable = new ConcurrentBag<Page>();
        var wrong = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var loops = sessions.Select((session, applicant) => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                string? number;
                Page page;
                try
                {
                    (number, page) = await FileOnceAsync(session);
                }
                catch (InvalidOperationException ex)
                {
                    wrong.Add(ex.Message);
                    continue;
                }

                if (number is not null)
                {
                    filed.Add((applicant, number, clock.ElapsedMilliseconds));
                }
                else if (page.Status == HttpStatusCode.ServiceUnavailable)
                {
                    unavailable.Add(page);
                    await Task.Delay(200);
                }
                else
                {
                    wrong.Add($"{page.Url}: {(int)page.Status} {Excerpt(page)} {string.Join(" | ", page.SummaryErrors)}");
                }
            }
        })).ToList();

        await WaitUntilAsync(() => filed.Select(f => f.Applicant).Distinct().Count() == applicants, TimeSpan.FromSeconds(20));
        await cluster.StopAsync();
        var downSince = clock.ElapsedMilliseconds;
        using var anonymous = host.NewSession();
        var home = await anonymous.GetAsync("/");
        await WaitUntilAsync(() => unavailable.Count >= applicants, TimeSpan.FromSeconds(10));
        await cluster.StartAgainAsync();
        var backSince = clock.ElapsedMilliseconds;
        await WaitUntilAsync(() => filed.Where(f => f.At > backSince).Select(f => f.Applicant).Distinct().Count() == applicants, TimeSpan.FromSeconds(25));
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        var homeAfter = await anonymous.GetAsync("/");

        Assert.True(wrong.IsEmpty, string.Join("\n", wrong));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, home.Status);
        Assert.Equal(["30"], home.Response.Headers.GetValues("Retry-After"));
        Assert.Contains(Unavailable, home.Text, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{12}$", home.Html.QuerySelector("main code")?.TextContent ?? "");
        Assert.NotEmpty(unavailable);
        Assert.All(unavailable, page =>
        {
            Assert.Contains(Unavailable, page.Text, StringComparison.Ordinal);
            Assert.True(page.Response.Headers.RetryAfter is not null, page.Url);
            Assert.DoesNotContain("Exception", page.Text, StringComparison.Ordinal);
        });
        Assert.True(filed.Count(f => f.At < downSince) >= applicants);
        // Recovered by itself: every applicant filed again once PostgreSQL was back, without restarting the portal.
        Assert.True(applicants == filed.Where(f => f.At > backSince).Select(f => f.Applicant).Distinct().Count(), string.Join("\n", wrong));
        Assert.Equal(HttpStatusCode.OK, homeAfter.Status);

        var numbers = filed.Select(f => f.Number).ToArray();
        Assert.Equal(numbers.Length, numbers.Distinct().Count());
        // Not from the pool: the test's pooled connections (sign-up reads the activation e-mail) died with the restart.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(host.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM requests WHERE number = ANY(@numbers) AND status <> 'Draft'", connection);
        count.Parameters.AddWithValue("numbers", numbers);
        Assert.Equal((long)numbers.Length, (long)(await count.ExecuteScalarAsync())!);

        foreach (var session in sessions)
        {
            session.Dispose();
        }
    }

    /// <summary>One filing from the sheet to "Déposer ma demande": the number the portal acknowledged, or the page where it stopped.
    /// A draft interrupted by the outage is resumed where it stopped, as an applicant would.</summary>
    private static async Task<(string? Number, Page Page)> FileOnceAsync(WebSession session)
    {
        var page = await session.GetAsync("/demarches/attestation-de-travail");
        if (page.Status == HttpStatusCode.OK)
        {
            page = await session.SubmitAsync(page, "Commencer la démarche");
        }

        // A step answered 400 shows the form again with its errors in French: carry on from it as an applicant would.
        for (var step = 0; step < 6 && (page.Status == HttpStatusCode.OK || (page.Status == HttpStatusCode.BadRequest && page.SummaryErrors.Count > 0)); step++)
        {
            if (HasButton(page, "Déposer ma demande"))
            {
                page = await session.SubmitAsync(page, "Déposer ma demande", [("declaration", "oui")]);
                var acknowledged = Acknowledgement().Match(page.Text);
                return page.Status == HttpStatusCode.OK && acknowledged.Success ? (acknowledged.Groups[1].Value, page) : (null, page);
            }

            var files = page.Html.QuerySelectorAll("input[type=file]").Length == 0 ? null : new Dictionary<string, Upload>
            {
                ["cnib"] = TestFiles.Pdf("ma cnib.pdf"),
                ["bulletin"] = TestFiles.Png("bulletin.png"),
            };
            page = await session.SubmitAsync(
                page,
                HasButton(page, "Continuer vers le récapitulatif") ? "Continuer vers le récapitulatif" : "Continuer",
                [.. AttestationJourney.Identity, .. AttestationJourney.Employment],
                files);
        }

        return (null, page);
    }

    private static bool HasButton(Page page, string text) =>
        page.Html.QuerySelectorAll("button").Any(b => b.TextContent.Trim().StartsWith(text, StringComparison.Ordinal));

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition() && deadline.Elapsed < timeout)
        {
            await Task.Delay(100);
        }
    }

    private static string Excerpt(Page page) => page.Text[..Math.Min(page.Text.Length, 600)];

    [GeneratedRegex(@"Votre demande est déposée\. Numéro de suivi : ([A-Z]+-[0-9]{4}-[0-9]{6})")]
    private static partial Regex Acknowledgement();
}
