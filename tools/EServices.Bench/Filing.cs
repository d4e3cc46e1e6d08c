using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Bench;

/// <summary>Scenario 2: signed-in applicants file "Inscription à un concours direct" again and again, each filing the
/// whole journey a browser makes (sheet, start, four steps with a 200 KB PDF for each of the two documents, review,
/// submit, request page, receipt PDF), for a given time. Scenario 8 (<c>pay</c>): the procedure has its fee, and each
/// filing pays it on the CinetPay simulator's page between the review and the request page.</summary>
public static class Filing
{
    public const string Slug = "inscription-concours-direct";
    private const int PdfBytes = 200 * 1024;

    public static async Task<int> RunAsync(Uri baseAddress, int clients, TimeSpan duration, int firstAccount, bool pay = false)
    {
        var pdf = new Upload("piece.pdf", PdfOf(PdfBytes), "application/pdf");
        var sessions = new List<Browser>();
        for (var i = 0; i < clients; i++)
        {
            var browser = new Browser(baseAddress);
            await SignInAsync(browser, Seed.Email(firstAccount + i), Seed.Password);
            sessions.Add(browser);
        }

        Console.Error.WriteLine($"filing: {clients} applicants signed in, filing for {duration.TotalSeconds:F0} s");
        var filed = 0L;
        var errors = new Failures();
        var latencies = new ConcurrentBag<double>();
        var payments = new ConcurrentBag<double>();
        using var stop = new CancellationTokenSource(duration);
        var watch = Stopwatch.StartNew();
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var tasks = sessions.Select((browser, index) => Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var one = Stopwatch.StartNew();
                try
                {
                    await FileOnceAsync(browser, pdf, index * 100_000 + n++, pay ? payments : null);
                    Interlocked.Increment(ref filed);
                    latencies.Add(one.Elapsed.TotalMilliseconds);
                }
                catch (Exception ex) when (Failures.Expected(ex))
                {
                    errors.Add(ex);
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var seconds = watch.Elapsed.TotalSeconds;
        clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;
        foreach (var browser in sessions)
        {
            browser.Dispose();
        }

        errors.Print("filing");

        var sorted = latencies.Order().ToArray();
        Console.WriteLine($"filing_clients={clients}");
        Console.WriteLine($"filing_seconds={seconds.ToString("F1", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"filing_count={filed}");
        Console.WriteLine($"filing_errors={errors.Count}");
        Console.WriteLine($"filing_per_second={(filed / seconds).ToString("F1", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"filing_client_cpu_ms={clientCpu.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"filing_p99_ms={Percentile(sorted, 0.99).ToString("F0", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"payment_p99_ms={Percentile([.. payments.Order()], 0.99).ToString("F0", CultureInfo.InvariantCulture)}");
        return 0;
    }

    public static async Task SignInAsync(Browser browser, string email, string password, string? authenticatorKey = null)
    {
        var login = await browser.GetAsync("/compte/connexion");
        var next = await browser.SubmitAsync(login, "Se connecter", [("Email", email), ("Password", password)]);
        if (authenticatorKey is not null)
        {
            next = await browser.SubmitAsync(next, "Valider", [("Code", await Totp.NextAsync(authenticatorKey))]);
        }

        if (next.Status != HttpStatusCode.OK || next.Url.StartsWith("/compte/", StringComparison.Ordinal))
        {
            throw new BenchException($"sign-in of {email} failed: {(int)next.Status} {next.Url}");
        }
    }

    /// <summary>One filing as a browser makes it; throws at the first step that is not what a user would see. With
    /// <paramref name="payments"/>, the fee is paid on the provider's page and the time from « Payer et déposer » to the
    /// confirmation is added to it.</summary>
    public static async Task<string> FileOnceAsync(Browser browser, Upload pdf, int n, ConcurrentBag<double>? payments = null)
    {
        var sheet = await Expect(browser.GetAsync($"/demarches/{Slug}"), "sheet");
        // Starting again resumes a draft left by a filing that failed halfway: fill whichever step is shown.
        var review = await Expect(browser.SubmitAsync(sheet, "Commencer la démarche"), "start");
        for (var hop = 0; hop < 6 && !review.Url.EndsWith("/recapitulatif", StringComparison.Ordinal); hop++)
        {
            var fields = review.Html.QuerySelectorAll("[name]").Select(e => e.GetAttribute("name")).ToHashSet(StringComparer.Ordinal);
            review = fields switch
            {
                _ when fields.Contains("concours") => await Expect(browser.SubmitAsync(review, "Continuer",
                    [("concours", "Secrétaires administratifs"), ("centre_composition", "Ouagadougou")]), "step 1"),
                _ when fields.Contains("nom_declare") => await Expect(browser.SubmitAsync(review, "Continuer",
                [
                    ("nom_declare", "Ouédraogo"), ("prenoms_declares", "Awa Bench"), ("sexe", "feminin"), ("date_naissance", "1998-05-14"),
                    ("lieu_naissance", "Koudougou"), ("nationalite", "burkinabe"), ("numero_cnib", "B" + (10_000_000 + (n % 90_000_000)).ToString(CultureInfo.InvariantCulture)),
                    ("telephone", "70 12 34 56"), ("email", ""),
                ]), "step 2"),
                _ when fields.Contains("diplome") => await Expect(browser.SubmitAsync(review, "Continuer", [("diplome", "licence"), ("diplome_annee", "2020")]), "step 3"),
                _ when fields.Contains("piece_cnib") => await Expect(browser.SubmitAsync(review, "Continuer vers le récapitulatif", files: new Dictionary<string, Upload>
                {
                    ["piece_cnib"] = pdf,
                    ["piece_diplome"] = pdf with { FileName = "diplome.pdf" },
                }), "documents"),
                _ => throw new BenchException($"unexpected page {review.Url}"),
            };
        }

        if (!review.Text.Contains("Vérifiez votre demande", StringComparison.Ordinal))
        {
            throw new BenchException($"the steps did not lead to the review: {review.Url}");
        }

        var number = payments is null ? await SubmitAsync(browser, review) : await PayAsync(browser, review, payments);
        var (status, type, body) = await browser.DownloadAsync($"/mes-demandes/{number}/recepisse");
        if (status != HttpStatusCode.OK || type != "application/pdf" || body.Length < 1000)
        {
            throw new BenchException($"receipt of {number}: {(int)status} {type}");
        }

        return number;
    }

    private static async Task<string> SubmitAsync(Browser browser, Page review)
    {
        var filed = await Expect(browser.SubmitAsync(review, "Déposer ma demande", [("declaration", "oui")]), "submit");
        if (!filed.Url.StartsWith("/mes-demandes/", StringComparison.Ordinal) || !filed.Text.Contains("Votre demande est déposée", StringComparison.Ordinal))
        {
            throw new BenchException($"submit did not file: {filed.Url}");
        }

        return filed.Url.Split('/').Last();
    }

    /// <summary>The fee's part: the payment page, the provider's page (Orange Money, success), the return page, which
    /// says the payment is confirmed once the portal has checked it.</summary>
    internal static async Task<string> PayAsync(Browser browser, Page review, ConcurrentBag<double> payments)
    {
        var watch = Stopwatch.StartNew();
        var pay = await Expect(browser.SubmitAsync(review, "Payer et déposer", [("declaration", "oui")]), "submit");
        var provider = await Expect(browser.SubmitAsync(pay, "Payer par mobile money"), "payment page");
        var back = await Expect(browser.SubmitAsync(provider, "Valider", [("moyen", "OM"), ("issue", "succes"), ("telephone", "70 12 34 56")]), "provider's page");
        if (!back.Text.Contains("Paiement confirmé", StringComparison.Ordinal)
            || back.Html.QuerySelector("a[href$='/recepisse']")?.GetAttribute("href") is not { } receipt)
        {
            throw new BenchException($"the payment was not confirmed on return: {back.Url} {back.Html.QuerySelector("h1")?.TextContent}");
        }

        payments.Add(watch.Elapsed.TotalMilliseconds);
        return receipt.Split('/')[^2];
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>A well-formed one-page PDF padded with a comment to the size asked: accepted by the upload check,
    /// which parses every PDF.</summary>
    public static byte[] PdfOf(int size) => PdfForge.Document(PdfForge.OnePage(), size);

    internal static async Task<Page> Expect(Task<Page> pending, string what)
    {
        var page = await pending;
        if (page.Status != HttpStatusCode.OK)
        {
            var error = page.Html.QuerySelector(".error-summary")?.TextContent.Trim();
            throw new BenchException($"{what}: {(int)page.Status} at {page.Url} {error}");
        }

        return page;
    }
}
