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
        """);
    return 2;
}

static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

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
