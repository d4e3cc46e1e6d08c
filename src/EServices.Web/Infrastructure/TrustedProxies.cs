using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace EServices.Web.Infrastructure;

/// <summary>
/// Behind a TLS reverse proxy (nginx, a load balancer), the client's address and scheme arrive in X-Forwarded-For and
/// X-Forwarded-Proto. They are believed only from the proxies listed in <c>ForwardedHeaders:KnownProxies</c> (addresses) or
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR): otherwise anyone could pick their own address and escape the per-address
/// sign-in limit. With nothing listed the headers are ignored.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "ForwardedHeaders";

    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, IConfiguration configuration)
    {
        var trusted = Networks(configuration);
        if (trusted.Length == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Only the address the nearest trusted proxy saw: earlier entries were written by the client.
            ForwardLimit = 1,
        };
        options.KnownProxies.Clear(); // the defaults trust loopback, which is not always the proxy
        options.KnownIPNetworks.Clear();
        foreach (var network in trusted)
        {
            options.KnownIPNetworks.Add(network);
        }

        return app.UseForwardedHeaders(options);
    }

    /// <summary>The trusted proxies, each address as a network of its own (/32, /128), and the trusted networks.</summary>
    public static System.Net.IPNetwork[] Networks(IConfiguration configuration) =>
        (configuration.GetSection($"{Section}:KnownProxies").Get<string[]>() ?? [])
            .Select(IPAddress.Parse).Select(a => new System.Net.IPNetwork(a, a.GetAddressBytes().Length * 8))
            .Concat((configuration.GetSection($"{Section}:KnownNetworks").Get<string[]>() ?? []).Select(System.Net.IPNetwork.Parse))
            .ToArray();
}
