using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using EServices.Tests.Infrastructure;
using Npgsql;

namespace EServices.Bench;

/// <summary>Scenario 10, the last-day rush, as an open model: new candidates arrive at a fixed rate whatever the answers,
/// each with a browser of their own (its waiting-room cookies), and apply as in scenario 9. One who gets the waiting page
/// reloads the address of its meta refresh after the delay it gives (for a « Postuler » posted, its GET twin, which once
/// admitted leads to the competition's page, where the candidate presses « Postuler » again), until admitted or the end
/// of the run. The candidates are signed in beforehand and share a few hundred accounts (each attempt goes to a
/// competition its account has not tried): the sign-in is not what the waiting room holds, and a waiting candidate is
/// signed in as a real one is. At the end every application started by an admitted candidate must be filed, or still a
/// draft holding each step it saved.</summary>
public static partial class Rush
{
    /// <summary>A signed-in account: its cookies taken once after the sign-in, and the competitions it applied to so far.</summary>
    private sealed class Account(int number, IReadOnlyDictionary<string, string> cookies)
    {
        private int _applied;

        public int Number => number;
        public IReadOnlyDictionary<string, string> Cookies => cookies;

        /// <summary>The next competition this account has not tried yet: several candidates may share an account at once.</summary>
        public int Next(int competitions) => (Interlocked.Increment(ref _applied) - 1) % competitions + 1;
    }

    private sealed record Started(Guid Id, ConcurrentBag<string> Saved)
    {
        public string? Number { get; set; }
    }

    public static async Task<int> RunAsync(Uri baseAddress, string db, double rate, TimeSpan duration, int accounts, int firstAccount, int competitions)
    {
        var pdf = Candidacy.Pdf();
        var pool = new ConcurrentBag<Account>();
        await Parallel.ForEachAsync(Enumerable.Range(firstAccount, accounts), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (n, _) =>
        {
            using var browser = new Browser(baseAddress);
            await Filing.SignInAsync(browser, Seed.Email(n), Seed.Password);
            pool.Add(new Account(n, browser.Cookies.ToDictionary()));
        });
        var signedIn = pool.ToArray();
        var turn = 0L;
        await WarmUpAsync(baseAddress, signedIn, pdf, competitions);
        Console.Error.WriteLine($"rush: {accounts} accounts signed in, {WarmUps} applications filed to warm the node up; "
            + $"{rate:0.#} new candidates a second for {duration.TotalSeconds:F0} s");

        var admittedTimes = new ConcurrentBag<double>();
        var waitingTimes = new ConcurrentBag<double>();
        var pageTimes = new ConcurrentBag<double>();
        var errors = new Failures();
        var started = new ConcurrentBag<Started>();
        long arrivals = 0, admitted = 0, filed = 0, waits = 0, stillWaiting = 0;
        using var stop = new CancellationTokenSource(duration);
        var tasks = new List<Task>();
        var before = ProcessorTime.Now();
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();

        async Task ArriveAsync()
        {
            using var browser = new Browser(baseAddress);
            browser.Timed = (page, ms) =>
            {
                if (Candidacy.RequestTimes.IsSimulator(page))
                {
                    return; // the payment provider's own pages: not the portal's time
                }

                if (Candidacy.IsWaiting(page))
                {
                    waitingTimes.Add(ms);
                }
                else if (page.Method == "GET" && page.Url.StartsWith("/concours/", StringComparison.Ordinal))
                {
                    pageTimes.Add(ms); // the competition's page: not held by the room, its time apart
                }
                else
                {
                    admittedTimes.Add(ms);
                }
            };
            // Candidates take the accounts in turn, several at once (an account may have several tabs): each attempt goes to
            // a competition its account has not tried, so that two never apply twice to one.
            var account = signedIn[Interlocked.Increment(ref turn) % signedIn.Length];
            try
            {
                browser.Adopt(account.Cookies, IsRoomCookie);
                var code = Candidacy.Code(account.Next(competitions));
                var page = await Candidacy.StartAsync(browser, code);
                while (Candidacy.IsWaiting(page))
                {
                    Interlocked.Increment(ref waits);
                    var (delay, again) = Refresh(page);
                    if (!await WaitAsync(delay, stop.Token))
                    {
                        Interlocked.Increment(ref stillWaiting);
                        return;
                    }

                    // The refresh of a « Postuler » posted is its GET twin: admitted, it leads to the competition's page,
                    // where the candidate presses « Postuler » again.
                    page = await Filing.Expect(browser.GetAsync(again), "waiting page reloaded");
                    if (!Candidacy.IsWaiting(page))
                    {
                        page = await Filing.Expect(browser.SubmitAsync(page, "Postuler"), "apply");
                    }
                }

                Interlocked.Increment(ref admitted);
                var application = new Started(Guid.Parse(page.Url.Split('/')[2]), []);
                started.Add(application);
                application.Number = await Candidacy.FinishAsync(browser, page, pdf, Candidacy.Cnib(account.Number), [], application.Saved.Add);
                Interlocked.Increment(ref filed);
            }
            catch (Exception ex) when (Failures.Expected(ex) || ex is FormatException)
            {
                errors.Add(ex);
            }
        }

        // Arrivals on a fixed schedule: the k-th at k / rate seconds, however the portal answers.
        for (var k = 0L; watch.Elapsed < duration; k++)
        {
            var due = TimeSpan.FromSeconds(k / rate) - watch.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            Interlocked.Increment(ref arrivals);
            tasks.Add(Task.Run(ArriveAsync));
        }

        await Task.WhenAll(tasks);
        var seconds = watch.Elapsed.TotalSeconds;
        var used = ProcessorTime.Now() - before;
        clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;
        errors.Print("rush");
        var lost = await LostDraftsAsync(db, [.. started]);
        Candidacy.Print("rush_arrivals", arrivals);
        Candidacy.Print("rush_seconds", seconds);
        Candidacy.Print("rush_admitted", admitted);
        Candidacy.Print("rush_filed", filed);
        Candidacy.Print("rush_filed_per_second", filed / seconds);
        Candidacy.Print("rush_still_waiting", stillWaiting);
        Candidacy.Print("rush_waiting_pages", waits);
        Candidacy.Print("rush_errors", errors.Count);
        Candidacy.Print("rush_lost_drafts", lost);
        Candidacy.Print("rush_admitted_requests", admittedTimes.Count);
        Candidacy.Print("rush_admitted_p99_ms", Filing.Percentile([.. admittedTimes.Order()], 0.99));
        Candidacy.Print("rush_waiting_p99_ms", Filing.Percentile([.. waitingTimes.Order()], 0.99));
        Candidacy.Print("rush_page_p99_ms", Filing.Percentile([.. pageTimes.Order()], 0.99));
        Candidacy.Print("rush_portal_ms", used.PortalMs / Math.Max(1, filed));
        Candidacy.Print("rush_postgres_ms", used.PostgresMs / Math.Max(1, filed));
        // The load client shares the node's cores: how much of them it took (processor seconds over the run's seconds).
        Candidacy.Print("rush_portal_cores", used.PortalMs / 1000 / seconds);
        Candidacy.Print("rush_postgres_cores", used.PostgresMs / 1000 / seconds);
        Candidacy.Print("rush_client_cores", clientCpu.TotalSeconds / seconds);
        return 0;
    }

    /// <summary>Applications filed before the clock starts, not counted: a node in service has run its code for days, and a
    /// fresh one's first seconds of rush (code compiled on first use, connection pools filling) gave pages of 1 to 10 s.</summary>
    private const int WarmUps = 40;

    /// <summary>Files <see cref="WarmUps"/> whole applications, four at once, then marks the rush's start in the portal's
    /// request log (a GET of <c>/bench/rush-start</c>, answered 404): the portal-side figures count from there.</summary>
    private static async Task WarmUpAsync(Uri baseAddress, Account[] signedIn, Upload pdf, int competitions)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, WarmUps), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (k, _) =>
        {
            var account = signedIn[k % signedIn.Length];
            using var browser = new Browser(baseAddress);
            browser.Adopt(account.Cookies, IsRoomCookie);
            var page = await Candidacy.StartAsync(browser, Candidacy.Code(account.Next(competitions)));
            await Candidacy.FinishAsync(browser, page, pdf, Candidacy.Cnib(account.Number), []);
        });
        using var marker = new Browser(baseAddress);
        await marker.DownloadAsync("/bench/rush-start");
    }

    private static bool IsRoomCookie(string name) => name is "es-admission" or "es-file";

    /// <summary>The delay and the address of the waiting page's meta refresh (« 15;url=… »).</summary>
    private static (TimeSpan Delay, string Url) Refresh(Page page) =>
        page.Html.QuerySelector("meta[http-equiv=refresh]")?.GetAttribute("content") is { } content && RefreshContent().Match(content) is { Success: true } m
            ? (TimeSpan.FromSeconds(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)), m.Groups[2].Value)
            : throw new BenchException("a waiting page without its refresh");

    /// <summary>Waits unless the run ends first: false when it did.</summary>
    private static async Task<bool> WaitAsync(TimeSpan delay, CancellationToken stop)
    {
        await Task.Delay(delay, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        return !stop.IsCancellationRequested;
    }

    /// <summary>Applications started by an admitted candidate that are neither filed nor a draft still holding every step
    /// the candidate saved (its CNIB, its diploma, its documents, its centre), in its answers: a draft holds no seat
    /// (the candidacy's centre is taken at « Payer et déposer »).</summary>
    private static async Task<long> LostDraftsAsync(string db, Started[] started)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT r.id, r.status, r.answers ? 'numero_cnib', r.answers ? 'diplome',
                   EXISTS (SELECT 1 FROM attachments a WHERE a.request_id = r.id), r.answers ? 'centre_composition'
            FROM requests r WHERE r.id = ANY(@ids)
            """, connection);
        command.Parameters.AddWithValue("ids", started.Select(s => s.Id).ToArray());
        var found = new Dictionary<Guid, (string Status, bool Cnib, bool Diploma, bool Documents, bool Centre)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                found[reader.GetGuid(0)] = (reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5));
            }
        }

        var lost = 0L;
        foreach (var application in started)
        {
            var kept = found.TryGetValue(application.Id, out var row)
                && (row.Status != "Draft" || application.Saved.All(step => step switch
                {
                    "numero_cnib" => row.Cnib,
                    "diplome" => row.Diploma,
                    "piece_cnib" => row.Documents,
                    _ => row.Centre,
                }));
            if (!kept)
            {
                lost++;
                Console.Error.WriteLine($"rush: application {application.Id} lost ({(found.ContainsKey(application.Id) ? row.Status : "missing")}, steps saved: {string.Join(", ", application.Saved)})");
            }
        }

        return lost;
    }

    [GeneratedRegex(@"^\s*(\d+)\s*;\s*url=(\S+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RefreshContent();
}
