using System.Globalization;
using EServices.Bench;

// The load client and in-process measures of scripts/bench.sh. Each command prints "key=value" lines on stdout for the
// script's table; progress and errors go to stderr.
static int Usage()
{
    Console.Error.WriteLine("""
        usage: EServices.Bench seed <connection-string> <applicants> <requests>
               EServices.Bench filing <base-url> <applicants> <seconds> <first-account> [pay]
               EServices.Bench cookie <base-url> <email> <password> [authenticator-key]
               EServices.Bench weight <base-url> <account>
               EServices.Bench certificates <seconds>
               EServices.Bench convocations <seconds>
               EServices.Bench competitions <connection-string> open|numbered|results <count>
               EServices.Bench candidacy <base-url> <candidates> <seconds> <first-account> <competitions>
               EServices.Bench rush <base-url> <connection-string> <arrivals-per-second> <seconds> <accounts> <first-account> <competitions>
        """);
    return 2;
}

static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

static Uri Portal(string url) => Candidacy.RequestTimes.Portal = new Uri(url);

try
{
    return args switch
    {
        ["seed", var db, var applicants, var requests] => await Seed.RunAsync(db, Int(applicants), Int(requests)),
        ["filing", var url, var clients, var seconds, var first, .. var pay] =>
            await Filing.RunAsync(new Uri(url), Int(clients), TimeSpan.FromSeconds(Int(seconds)), Int(first), pay is ["pay"]),
        ["cookie", var url, var email, var password, .. var key] => await CookieAsync(new Uri(url), email, password, key.FirstOrDefault()),
        ["weight", var url, var account] => await PageWeight.RunAsync(new Uri(url), Int(account)),
        ["certificates", var seconds] => Certificates.Run(TimeSpan.FromSeconds(Int(seconds))),
        ["convocations", var seconds] => Certificates.RunConvocations(TimeSpan.FromSeconds(Int(seconds))),
        ["competitions", var db, "open", var count] => await CompetitionVolume.OpenAsync(db, Int(count)),
        ["competitions", var db, "numbered", var count] => await CompetitionVolume.NumberedAsync(db, Int(count)),
        ["competitions", var db, "results", var count] => await CompetitionVolume.ResultsAsync(db, Int(count)),
        ["candidacy", var url, var clients, var seconds, var first, var competitions] => await Candidacy.RunAsync(
            Portal(url), Int(clients), TimeSpan.FromSeconds(Int(seconds)), Int(first), Int(competitions)),
        ["rush", var url, var db, var rate, var seconds, var accounts, var first, var competitions] => await Rush.RunAsync(
            Portal(url), db, double.Parse(rate, CultureInfo.InvariantCulture), TimeSpan.FromSeconds(Int(seconds)), Int(accounts), Int(first), Int(competitions)),
        _ => Usage(),
    };
}
catch (BenchException ex)
{
    Console.Error.WriteLine("bench: " + ex.Message);
    return 1;
}

// Signs in (with the second factor for staff) and prints the session's Cookie header, for wrk.
static async Task<int> CookieAsync(Uri baseAddress, string email, string password, string? authenticatorKey)
{
    using var browser = new Browser(baseAddress);
    await Filing.SignInAsync(browser, email, password, authenticatorKey);
    Console.WriteLine(browser.CookieHeader);
    return 0;
}
