using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using EServices.Tests.Infrastructure;

namespace EServices.Bench;

/// <summary>Scenario 9: signed-in candidates apply to the seeded open competitions (<see cref="CompetitionVolume.OpenAsync"/>),
/// each application the whole journey a browser makes: the competition's page, « Postuler », identity, diploma, the two
/// required 200 KB PDFs, the centre, the review, « Payer et déposer », the CinetPay simulator's page, the return page, the
/// receipt. Account k applies to mesure-0001, mesure-0002… in turn (one application per competition). The processor time
/// of the portal and PostgreSQL is read from /proc by the tool itself, so that the sign-ins are counted apart.</summary>
public static partial class Candidacy
{
    public static async Task<int> RunAsync(Uri baseAddress, int clients, TimeSpan duration, int firstAccount, int competitions)
    {
        var pdf = Pdf();
        var signIn = ProcessorTime.Now();
        var sessions = new List<Browser>();
        for (var i = 0; i < clients; i++)
        {
            var browser = new Browser(baseAddress);
            await Filing.SignInAsync(browser, Seed.Email(firstAccount + i), Seed.Password);
            sessions.Add(browser);
        }

        signIn = ProcessorTime.Now() - signIn;
        Console.Error.WriteLine($"candidacy: {clients} candidates signed in, applying for {duration.TotalSeconds:F0} s");
        var requests = new RequestTimes();
        var filed = 0L;
        var errors = new Failures();
        var latencies = new ConcurrentBag<double>();
        using var stop = new CancellationTokenSource(duration);
        var before = ProcessorTime.Now();
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(sessions.Select((browser, index) => Task.Run(async () =>
        {
            browser.Timed = requests.Add;
            var account = firstAccount + index;
            for (var n = 1; n <= competitions && !stop.IsCancellationRequested; n++)
            {
                var one = Stopwatch.StartNew();
                try
                {
                    var start = await StartAsync(browser, Code(n));
                    await FinishAsync(browser, start, pdf, Cnib(account), new ConcurrentBag<double>());
                    Interlocked.Increment(ref filed);
                    latencies.Add(one.Elapsed.TotalMilliseconds);
                }
                catch (Exception ex) when (Failures.Expected(ex))
                {
                    errors.Add(ex);
                }
            }
        })));
        var seconds = watch.Elapsed.TotalSeconds;
        var used = ProcessorTime.Now() - before;
        clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;
        sessions.ForEach(s => s.Dispose());
        errors.Print("candidacy");

        var sorted = latencies.Order().ToArray();
        Print("candidacy_count", filed);
        Print("candidacy_errors", errors.Count);
        Print("candidacy_seconds", seconds);
        Print("candidacy_per_second", filed / seconds);
        Print("candidacy_p99_ms", Filing.Percentile(sorted, 0.99));
        Print("candidacy_mean_ms", sorted.DefaultIfEmpty().Average());
        Print("candidacy_portal_ms", used.PortalMs / Math.Max(1, filed));
        Print("candidacy_postgres_ms", used.PostgresMs / Math.Max(1, filed));
        Print("candidacy_client_ms", clientCpu.TotalMilliseconds / Math.Max(1, filed));
        Print("signin_portal_ms", signIn.PortalMs / clients);
        Print("signin_postgres_ms", signIn.PostgresMs / clients);
        Print("candidacy_requests", requests.Count / (double)Math.Max(1, filed));
        requests.Print(filed);
        return 0;
    }

    public static Upload Pdf() => new("piece.pdf", Filing.PdfOf(200 * 1024), "application/pdf");

    public static string Code(int n) => $"mesure-{n:D4}";

    /// <summary>One CNIB per account: an account applies once per competition, so the number is never used twice in one.</summary>
    public static string Cnib(int account) => "B" + (10_000_000 + account).ToString(CultureInfo.InvariantCulture);

    /// <summary>The competition's page, then « Postuler »: the first step, or (scenario 10) the waiting page.</summary>
    public static async Task<Page> StartAsync(Browser browser, string code)
    {
        var page = await Filing.Expect(browser.GetAsync($"/concours/{code}"), "competition page");
        return await Filing.Expect(browser.SubmitAsync(page, "Postuler"), "apply");
    }

    public static bool IsWaiting(Page page) => page.Html.Title?.StartsWith("File d'attente", StringComparison.Ordinal) == true;

    /// <summary>From the first step to the receipt: whichever step is shown is filled (the steps' order is the form's),
    /// then the review, the payment on the simulator's page and the receipt. <paramref name="saved"/> is told of each step
    /// saved (scenario 10 checks afterwards that the draft still holds it).</summary>
    public static async Task<string> FinishAsync(Browser browser, Page page, Upload pdf, string cnib, ConcurrentBag<double> payments, Action<string>? saved = null)
    {
        for (var hop = 0; hop < 8 && !page.Url.EndsWith("/recapitulatif", StringComparison.Ordinal); hop++)
        {
            var fields = page.Html.QuerySelectorAll("[name]").Select(e => e.GetAttribute("name")).ToHashSet(StringComparer.Ordinal);
            (page, var step) = fields switch
            {
                _ when fields.Contains("numero_cnib") => (await Filing.Expect(browser.SubmitAsync(page, "Continuer",
                [
                    ("nom_declare", "Ouédraogo"), ("prenoms_declares", "Awa Mesure"), ("sexe", "feminin"), ("date_naissance", "1998-05-14"),
                    ("lieu_naissance", "Koudougou"), ("nationalite", "burkinabe"), ("numero_cnib", cnib), ("telephone", "70 12 34 56"), ("email", ""),
                ]), "identity"), "numero_cnib"),
                _ when fields.Contains("diplome") => (await Filing.Expect(browser.SubmitAsync(page, "Continuer",
                    [("diplome", "licence"), ("diplome_specialite", "Droit"), ("diplome_annee", "2020")]), "diploma"), "diplome"),
                _ when fields.Contains("piece_cnib") => (await Filing.Expect(browser.SubmitAsync(page, "Continuer", files: new Dictionary<string, Upload>
                {
                    ["piece_cnib"] = pdf,
                    ["piece_diplome"] = pdf with { FileName = "diplome.pdf" },
                }), "documents"), "piece_cnib"),
                _ when fields.Contains("centre") => (await Filing.Expect(browser.SubmitAsync(page, "Continuer",
                    [("centre", page.Html.QuerySelector("input[name=centre]:not([disabled])")?.GetAttribute("value") ?? "")]), "centre"), "centre"),
                _ => throw new BenchException($"unexpected page {page.Url}: {page.Html.QuerySelector("h1")?.TextContent}"),
            };
            saved?.Invoke(step);
        }

        if (!page.Url.EndsWith("/recapitulatif", StringComparison.Ordinal))
        {
            throw new BenchException($"the steps did not lead to the review: {page.Url}");
        }

        var number = await Filing.PayAsync(browser, page, payments);
        var (status, type, body) = await browser.DownloadAsync($"/mes-demandes/{number}/recepisse");
        if (status != HttpStatusCode.OK || type != "application/pdf" || body.Length < 1000)
        {
            throw new BenchException($"receipt of {number}: {(int)status} {type}");
        }

        return number;
    }

    public static void Print(string key, double value) => Console.WriteLine($"{key}={value.ToString("0.#", CultureInfo.InvariantCulture)}");

    /// <summary>The time of each request, by kind (method and address with its identifiers out).</summary>
    public sealed partial class RequestTimes
    {
        private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _times = new(StringComparer.Ordinal);

        public long Count => _times.Values.Sum(t => (long)t.Count);

        public void Add(Page page, double ms) => _times.GetOrAdd(Kind(page), _ => []).Add(ms);

        public static string Kind(Page page)
        {
            var path = page.Url.Split('?')[0];
            if (Uri.TryCreate(path, UriKind.Absolute, out var uri) && uri.Scheme.StartsWith("http", StringComparison.Ordinal))
            {
                path = (IsSimulator(page) ? "(simulator) " : "") + uri.AbsolutePath;
            }

            return page.Method + " " + Ids().Replace(path, "{…}");
        }

        /// <summary>A page of the payment provider (its address absolute, another port than the portal's).</summary>
        public static bool IsSimulator(Page page) =>
            Uri.TryCreate(page.Url, UriKind.Absolute, out var uri) && uri.Scheme.StartsWith("http", StringComparison.Ordinal)
            && page.Response.RequestMessage?.RequestUri is { } sent && sent.Port != Portal?.Port;

        /// <summary>The portal's address (set by the commands), to tell its pages from the simulator's.</summary>
        public static Uri? Portal { get; set; }

        /// <summary>Each kind: count per application, median, p99 and total share of the client-side time.</summary>
        public void Print(long applications)
        {
            var total = _times.Values.Sum(t => t.Sum());
            foreach (var (kind, times) in _times.OrderByDescending(t => t.Value.Sum()))
            {
                var sorted = times.Order().ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"request=| `{kind}` | {sorted.Length / (double)Math.Max(1, applications):0.##} | {Filing.Percentile(sorted, 0.5):0.0} ms | {Filing.Percentile(sorted, 0.99):0} ms | {100 * sorted.Sum() / total:0.0} % |"));
            }
        }

        [GeneratedRegex("[0-9a-f]{8}-[0-9a-f-]{27}|(?<=/)[A-Z]+-[0-9]{4}-[0-9]+|(?<=/)mesure-[0-9]+|(?<=/etapes/)[0-9]+|(?<=/paiement/)[^/]+$")]
        private static partial Regex Ids();
    }
}
