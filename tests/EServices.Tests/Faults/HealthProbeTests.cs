using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Faults;

/// <summary>What a load balancer and an alert read while PostgreSQL stops and starts again (issue 20): live stays up,
/// ready follows the database and is Healthy at the first probe after the restart, and a request during the outage is
/// one log line, 503 under its own path. Its own cluster, so no other test notices.</summary>
public sealed partial class HealthProbeTests
{
    [Fact]
    public Task Live_stays_up_ready_follows_postgresql_and_an_outage_request_is_logged_once_as_the_503_the_client_got() => OutageHost.RunAsync(RunAsync);

    private static async Task RunAsync(OutageHost host, PostgresCluster cluster)
    {
        using var probe = host.NewSession();
        foreach (var path in new[] { "/health", "/health/ready", "/health/live" })
        {
            var up = await probe.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, up.Status);
            Assert.StartsWith("Healthy", await up.Response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/")).Status); // pooled connections that the restart will kill
        }

        await cluster.StopAsync();
        var ready = await probe.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.StartsWith("Unhealthy", await ready.Response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var live = await probe.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal("Healthy", await live.Response.Content.ReadAsStringAsync());

        var before = host.Logs.Lines.Count;
        var sheet = $"/demarches/panne-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await probe.GetAsync(sheet)).Status);
        var lines = await LinesAfterAsync(host, before, l => l.Contains(sheet, StringComparison.Ordinal) && RequestLine().IsMatch(l));
        var summaries = lines.Where(l => RequestLine().IsMatch(l)).ToList();
        var only = Assert.Single(summaries);
        Assert.Equal("503", RequestLine().Match(only).Groups["status"].Value);
        Assert.Contains("Cause=", only, StringComparison.Ordinal); // what failed, without a stack trace
        Assert.DoesNotContain(lines, l => l.Contains("/erreur", StringComparison.Ordinal) || l.Contains("unhandled exception", StringComparison.Ordinal));

        await cluster.StartAgainAsync();
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/ready")).Status);

        // A restart between two probes: every pooled connection, the checks' included, is dead (57P01). The first
        // probe after it must say Healthy, or a balancer would take every node out at once.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health")).Status);
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/")).Status);
        }

        await cluster.StopAsync();
        await cluster.StartAgainAsync();
        var first = await probe.GetAsync("/health");
        Assert.True(first.Status == HttpStatusCode.OK, "The first probe after the restart: " + await first.Response.Content.ReadAsStringAsync());
    }

    /// <summary>The log lines written since <paramref name="from"/>, once one matches <paramref name="awaited"/> (the request's
    /// line comes as the response leaves) and anything written with it has had time to arrive.</summary>
    private static async Task<IReadOnlyList<string>> LinesAfterAsync(HostFixture host, int from, Func<string, bool> awaited)
    {
        var clock = Stopwatch.StartNew();
        while (!host.Logs.Lines.Skip(from).Any(awaited) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        await Task.Delay(500);
        return host.Logs.Lines.Skip(from).ToList();
    }

    [GeneratedRegex(@"HTTP ""?GET""? ""?[^ ""]*""? responded (?<status>[0-9]{3})")]
    private static partial Regex RequestLine();
}
