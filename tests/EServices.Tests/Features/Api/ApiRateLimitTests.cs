using System.Net;
using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace EServices.Tests.Features.Api;

/// <summary>A portal whose clients may make 5 calls a minute.</summary>
public sealed class ApiLimitedHost : HostFixture
{
    public const int PerMinute = 5;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:RequestsPerMinute", PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class ApiRateLimitTests(ApiLimitedHost host) : IClassFixture<ApiLimitedHost>
{
    [Fact]
    public async Task A_client_past_its_calls_per_minute_gets_429_with_retry_after_and_another_client_is_not_slowed()
    {
        using var admin = await ApiClients.AdminAsync(host);
        var busy = await ApiClients.RegisterAsync(admin, "DGFP", mayDecide: false);
        var other = await ApiClients.RegisterAsync(admin, "DGFP", mayDecide: false);
        using var api = await ApiClients.SignedInAsync(host, busy);
        for (var call = 1; call <= ApiLimitedHost.PerMinute; call++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/demarches")).StatusCode);
        }

        // A second token of the same client shares its bucket: the limit is the client's, not the token's.
        using var again = await ApiClients.SignedInAsync(host, busy);
        using var refused = await again.GetAsync("/api/v1/demarches");
        var problem = await ApiClients.ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Contains("limite d'appels", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);

        using var unaffected = await ApiClients.SignedInAsync(host, other);
        Assert.Equal(HttpStatusCode.OK, (await unaffected.GetAsync("/api/v1/demarches")).StatusCode);
    }
}
