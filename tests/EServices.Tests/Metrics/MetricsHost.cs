using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace EServices.Tests.Metrics;

/// <summary>
/// The portal on a real loopback port, as Prometheus reaches it, reading its backlogs every second. Its database password
/// (one is added when the test server needs none: trust ignores it) must never show on /metrics.
/// </summary>
public sealed class MetricsHost : HostFixture
{
    public string DatabasePassword { get; private set; } = "";

    protected override bool ListensOnRealPort => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Metrics:SampleInterval", "00:00:01");
        var connection = new NpgsqlConnectionStringBuilder(ConnectionString);
        connection.Password ??= $"metrics-secret-{Guid.NewGuid():N}";
        DatabasePassword = connection.Password;
        builder.UseSetting("ConnectionStrings:Default", connection.ConnectionString);
    }

    /// <summary>A visitor's session over the network (Prometheus must see what it does).</summary>
    public WebSession LoopbackSession() => new(new HttpClient(new LoopbackCookies()) { BaseAddress = BaseAddress }) { Host = this };

    /// <summary>/metrics read as Prometheus reads it: over the network, from this machine.</summary>
    public async Task<Scrape> ScrapeAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return new Scrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Scrapes until <paramref name="until"/> holds (the sampler reads every second), 30 seconds at most.</summary>
    public async Task<Scrape> ScrapeUntilAsync(Func<Scrape, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var scrape = await ScrapeAsync();
            if (until(scrape) || DateTime.UtcNow > deadline)
            {
                return scrape;
            }

            await Task.Delay(200);
        }
    }
}
