using System.Net;
using EServices.Tests.Security;

namespace EServices.Tests.Metrics;

/// <summary>
/// /metrics tells how busy the portal is and how its database is reached: only this machine and the Prometheus network see
/// it. Behind the trusted proxy, the client is the address the proxy saw, whatever the client writes in its headers.
/// </summary>
public sealed class MetricsAccessTests(ProxiedHost host) : IClassFixture<ProxiedHost>
{
    private const string Outsider = "203.0.113.10";

    public static TheoryData<string, string> Variants() => new()
    {
        { "GET", "/metrics" }, { "GET", "/METRICS" }, { "GET", "/Metrics" }, { "GET", "/metrics/" }, { "GET", "/%6Detrics" },
        { "GET", "/%6d%65trics" }, { "GET", "/metrics?format=prometheus" }, { "GET", "//metrics" }, { "GET", "/./metrics" },
        { "GET", "/x/../metrics" }, { "GET", "/metrics;" }, { "GET", "/metrics%2F" }, { "HEAD", "/metrics" }, { "POST", "/metrics" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task An_outsider_gets_no_figures_whatever_the_path_or_method(string method, string path)
    {
        var response = await SendAsync(method, path, ("X-Forwarded-For", Outsider));
        Assert.NotEqual(HttpStatusCode.OK, response.Status);
        Assert.DoesNotContain("eservices_", response.Body, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> ForgedHeaders() => new()
    {
        // The client wrote 127.0.0.1 first; the proxy added the address it saw.
        { "X-Forwarded-For", $"127.0.0.1, {Outsider}" },
        { "X-Forwarded-For", $"10.20.0.7, {Outsider}" },
        { "X-Forwarded-For", $"::1,{Outsider}" },
        { "X-Real-IP", "127.0.0.1" },
        { "Forwarded", "for=127.0.0.1" },
        { "Host", "localhost" },
        { "Host", "127.0.0.1" },
    };

    [Theory]
    [MemberData(nameof(ForgedHeaders))]
    public async Task Headers_written_by_an_outsider_do_not_make_them_local(string header, string value)
    {
        var forwarded = header == "X-Forwarded-For" ? value : Outsider;
        var response = await SendAsync("GET", "/metrics", ("X-Forwarded-For", forwarded), (header, value));
        Assert.NotEqual(HttpStatusCode.OK, response.Status);
        Assert.DoesNotContain("eservices_", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)] // the proxy itself, or a client it forwarded without X-Forwarded-For
    [InlineData(ProxiedHost.ProxyInMetricsNetwork)] // a trusted proxy, even inside the Prometheus network
    public async Task A_proxy_is_not_prometheus(string? forwardedFor)
    {
        var response = forwardedFor is null ? await SendAsync("GET", "/metrics") : await SendAsync("GET", "/metrics", ("X-Forwarded-For", forwardedFor));
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Contains("Page introuvable", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.20.3.4")] // the Prometheus network
    [InlineData("127.0.0.1")] // this machine, through its own proxy
    [InlineData("::1")]
    public async Task Prometheus_and_this_machine_read_the_figures(string client)
    {
        await SendAsync("GET", "/"); // so that the requests' histogram exists, whichever test runs first
        var response = await SendAsync("GET", "/metrics", ("X-Forwarded-For", client));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("eservices_waiting_room_capacity", response.Body, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", response.Body, StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(string method, string path, params (string Name, string Value)[] headers)
    {
        using var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
