using EServices.PaySim;
using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace EServices.Tests.Payments;

/// <summary>The portal on a real loopback port (the simulator posts its notifications there), paying through the CinetPay
/// simulator with its real client. The reconciliation job is driven by the tests; the client gives up after 2 seconds.</summary>
public sealed class SimPortal : HostFixture
{
    public PaySimFixture Sim { get; } = new();

    protected override bool ListensOnRealPort => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.PayThrough(Sim);
        builder.UseSetting("Payments:CinetPay:Timeout", "00:00:02");
        builder.UseSetting("Payments:ReconcileEvery", "01:00:00");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Sim.DisposeAsync();
    }

    /// <summary>A session over the real port. The portal's cookies are Secure: browsers send them to a loopback http
    /// address, HttpClient does not, so this session keeps them itself.</summary>
    public WebSession NewLoopbackSession() =>
        new(new HttpClient(new LoopbackCookies { InnerHandler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false } }) { BaseAddress = BaseAddress }) { Host = this };

    /// <summary>The transaction id of the draft's last attempt.</summary>
    public async Task<string> LastAttemptAsync(Guid draftId) =>
        (string)(await this.ScalarAsync("SELECT transaction_id FROM payments WHERE request_id = @id ORDER BY created_at DESC LIMIT 1", ("id", draftId)))!;

    /// <summary>Faults for every transaction while <paramref name="body"/> runs.</summary>
    public async Task WithFaultsAsync(SimFaults faults, Func<Task> body)
    {
        (await Sim.Control.PutAsync("_sim/faults", System.Net.Http.Json.JsonContent.Create(faults))).EnsureSuccessStatusCode();
        try
        {
            await body();
        }
        finally
        {
            (await Sim.Control.DeleteAsync("_sim/faults")).EnsureSuccessStatusCode();
        }
    }
}

/// <summary>Keeps every cookie the portal sets and sends them all back, as a browser does on a loopback address.</summary>
public sealed class LoopbackCookies : DelegatingHandler
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _cookies = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!_cookies.IsEmpty)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await base.SendAsync(request, cancellationToken);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';')[0].Split('=', 2);
            if (header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                _cookies.TryRemove(pair[0], out _);
            }
            else
            {
                _cookies[pair[0]] = pair[1];
            }
        }

        return response;
    }
}

public static class SimSettings
{
    /// <summary>Starts the simulator (the portal's settings need its address, and the host is built once) and points the
    /// portal at it.</summary>
    public static void PayThrough(this IWebHostBuilder builder, PaySimFixture sim)
    {
        sim.InitializeAsync().GetAwaiter().GetResult();
        foreach (var (key, value) in sim.PortalSettings)
        {
            builder.UseSetting(key, value);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SimPortalCollection : ICollectionFixture<SimPortal>
{
    public const string Name = "simportal";
}
