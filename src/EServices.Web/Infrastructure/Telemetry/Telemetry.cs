using System.Diagnostics.Metrics;
using System.Net;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EServices.Web.Infrastructure.Telemetry;

/// <summary>
/// What operators see of the portal running (docs/operations.md).
/// <list type="bullet">
/// <item>Metrics, always: /metrics in Prometheus' text format — requests and their latency (ASP.NET Core), connections and
/// commands (Npgsql), the runtime (memory, threads), and <see cref="PortalMetrics"/>. Served to this machine and to the
/// networks of Metrics:AllowedNetworks (the Prometheus servers) only; anyone else gets the portal's 404, whatever the
/// spelling of the path or the headers sent (the address is the connection's, or a trusted proxy's X-Forwarded-For).</item>
/// <item>Traces, when OTEL_EXPORTER_OTLP_ENDPOINT names a collector (Jaeger, Tempo, an OpenTelemetry Collector): each
/// request and its SQL commands, sent over OTLP (the standard OTEL_* settings apply).</item>
/// </list>
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PortalMetrics>();
        services.AddSingleton<CountStateChanges>();
        services.AddHostedService<BacklogSampler>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("eservices"))
            .WithMetrics(m => ((IDeferredMeterProviderBuilder)m).Configure(OwnMetersOnly)
                .AddAspNetCoreInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(PortalMetrics.MeterName, "System.Runtime")
                // Every scrape reads now: only Prometheus may scrape, so there is no crowd to shield from.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpoint]))
        {
            // Probes and scrapes come every few seconds from every balancer and Prometheus: no trace for them. Query
            // strings stay redacted (the instrumentation's default): opinion links carry their key there.
            telemetry.WithTracing(t => t
                .SetSampler(new ParentBasedSampler(new RequestsOnly()))
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                .AddNpgsql()
                .AddOtlpExporter());
        }

        return services;
    }

    public static IApplicationBuilder UsePortalMetrics(this IApplicationBuilder app, IConfiguration configuration)
    {
        var networks = (configuration.GetSection("Metrics:AllowedNetworks").Get<string[]>() ?? []).Select(IPNetwork.Parse).ToArray();
        // A request whose address is still a trusted proxy's came from the proxy itself, or through it without
        // X-Forwarded-For: never Prometheus, even when the proxy runs on this machine.
        var proxies = TrustedProxies.Networks(configuration);
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: http => http.Request.Path == MetricsPath && HttpMethods.IsGet(http.Request.Method)
                && Allowed(http.Connection.RemoteIpAddress, networks, proxies),
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);
    }

    /// <summary>A trace starts at a request: the background jobs' SQL (a poll every few seconds) starts none of its own.</summary>
    private sealed class RequestsOnly : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
            new(samplingParameters.Kind == System.Diagnostics.ActivityKind.Server ? SamplingDecision.RecordAndSample : SamplingDecision.Drop);
    }

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path == MetricsPath;

    /// <summary>This host's meters only (and the process-wide ones, Npgsql's and the runtime's): the tests run several portals
    /// in one process, and another's meter of the same name would otherwise stand for this one's.</summary>
    private static void OwnMetersOnly(IServiceProvider provider, MeterProviderBuilder builder)
    {
        var own = provider.GetRequiredService<IMeterFactory>();
        builder.AddView(instrument => instrument.Meter.Scope is IMeterFactory factory && factory != own ? MetricStreamConfiguration.Drop : null);
    }

    private static bool Allowed(IPAddress? address, IPNetwork[] networks, IPNetwork[] proxies)
    {
        if (address is null)
        {
            return false;
        }

        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return (IPAddress.IsLoopback(address) || networks.Any(n => n.Contains(address))) && !proxies.Any(p => p.Contains(address));
    }
}
